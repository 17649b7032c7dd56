"""`manage.py runserver` as `make run` starts it, with replies sent without Nagle's delay."""
