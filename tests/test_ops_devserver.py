"""`make run`'s runserver sends each reply at once (TCP_NODELAY): without it, a reply on a kept-alive
connection waited for the client's delayed acknowledgement, 40 ms on every other page."""

import socket

from django.core.management import get_commands, load_command_class
from django.core.servers.basehttp import WSGIRequestHandler
from whitenoise.runserver_nostatic.management.commands.runserver import Command as WhiteNoiseRunserver

from archive.devserver.management.commands.runserver import NoDelayWSGIServer


def test_manage_py_runserver_is_the_archives():
    app = get_commands()["runserver"]
    command = load_command_class(app, "runserver")
    assert app == "archive.devserver"
    # WhiteNoise still serves the static files, as it did.
    assert isinstance(command, WhiteNoiseRunserver) and command.server_cls is NoDelayWSGIServer


def test_its_connections_have_nagles_algorithm_off():
    server = NoDelayWSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    try:
        with socket.create_connection(server.server_address[:2], timeout=5):
            accepted, _ = server.get_request()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        server.server_close()
