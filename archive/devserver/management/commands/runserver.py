"""runserver (static files from WhiteNoise, as before) whose connections send without Nagle's delay.

Django's development server writes a response's headers and its body in separate writes. With Nagle's
algorithm on, the body waits until the client acknowledges the headers, and a client on a kept-alive
connection delays that acknowledgement by up to 40 ms: every other page of `make run` took 40 ms more
than it needed. TCP_NODELAY sends each write at once, as gunicorn does.
"""

import socket

from django.core.servers.basehttp import WSGIServer
from whitenoise.runserver_nostatic.management.commands.runserver import Command as StaticRunserverCommand


class NoDelayWSGIServer(WSGIServer):
    def get_request(self):
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address


class Command(StaticRunserverCommand):
    server_cls = NoDelayWSGIServer
