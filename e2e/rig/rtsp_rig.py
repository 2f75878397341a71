#!/usr/bin/python3
"""RTSP test rig: simulated H.264/H.265 cameras served by GStreamer's RTSP server.

Run with Debian's /usr/bin/python3 (needs python3-gi + gir1.2-gst-rtsp-server-1.0).
Prints one JSON line {"ready": true, "port": N} on stdout once it is serving.
Killing the process is a camera (or a whole DVR) going offline.
"""

import argparse
import json
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

# Ball motions and colours vary per mount so tiles are visibly different.
MOTIONS = ["wavy", "sweep", "hsweep"]
COLOURS = [0xFF202020, 0xFF203060, 0xFF602020, 0xFF206030, 0xFF505020, 0xFF402050]


def source(name, index, width, height, pattern="ball"):
    motion = MOTIONS[index % len(MOTIONS)]
    bg = COLOURS[index % len(COLOURS)]
    return (
        f"videotestsrc is-live=true pattern={pattern} motion={motion} background-color={bg} "
        f"! video/x-raw,format=I420,width={width},height={height},framerate=25/1 "
        f'! clockoverlay text="{name}" time-format="%H:%M:%S" halignment=left valignment=top '
        f"shaded-background=true font-desc=\"Sans 18\" "
    )


def h264_launch(name, index, width, height, bitrate, pattern="ball"):
    return (
        f"( {source(name, index, width, height, pattern)}"
        f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate={bitrate} "
        f"! video/x-h264,profile=constrained-baseline ! rtph264pay name=pay0 pt=96 config-interval=1 )"
    )


def h265_launch(name, index, width, height):
    return (
        f"( {source(name, index, width, height)}"
        f"! x265enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=600 "
        f"! rtph265pay name=pay0 pt=96 config-interval=1 )"
    )


class RigAuth(GstRtspServer.RTSPAuth):
    """Basic auth only on the secured mounts; open mounts need no credentials."""

    def __init__(self, secured_paths):
        super().__init__()
        self.secured_paths = secured_paths

    def do_check(self, ctx, check):
        if check.startswith("auth.check.media.factory.") and ctx.uri is not None:
            path = ctx.uri.abspath
            # Prefix match covers <name>_sub, <name>-aN and control paths like /stream=0.
            if not any(path.startswith(p) for p in self.secured_paths):
                return True
        return GstRtspServer.RTSPAuth.do_check(self, ctx, check)


class SharedFactory(GstRtspServer.RTSPMediaFactory):
    """One pipeline per factory, whichever of its mount paths (aliases) a client asks for.

    The default key is the request URL, so each alias would build its own encoder; a
    fixed key lets a benchmark fake 36 cameras with a few encoders on 2 cores.
    """

    def __init__(self, key):
        super().__init__()
        self.key = key

    def do_gen_key(self, url):
        return self.key


def names(value):
    return [n for n in (value or "").split(",") if n]


def main():
    parser = argparse.ArgumentParser(description="RTSP test rig")
    parser.add_argument("--port", type=int, default=8554, help="0 = pick a free port")
    parser.add_argument("--h264", default="", help="comma-separated H.264 mount names")
    parser.add_argument("--h265", default="", help="comma-separated H.265 mount names")
    parser.add_argument("--auth-user", default="admin")
    parser.add_argument("--auth-pass", default="12345")
    parser.add_argument("--auth-mounts", default="", help="mounts needing basic auth (H.264)")
    parser.add_argument("--sub", action="store_true", help="add <name>_sub 320x180 per H.264 mount")
    parser.add_argument(
        "--heavy",
        default="",
        help="comma-separated H.264 mounts of noise at ~8 Mbit/s (slow-client tests)",
    )
    parser.add_argument(
        "--aliases",
        type=int,
        default=0,
        help="also mount each H.264 stream as <name>-a1..<name>-aN, sharing its encoder",
    )
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    mounts = server.get_mount_points()

    secured = names(args.auth_mounts)
    auth = None
    if secured:
        auth = RigAuth(["/" + m for m in secured])
        user_token = GstRtspServer.RTSPToken()
        user_token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "user")
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.auth_user, args.auth_pass), user_token)
        # Anonymous clients get a token without a factory role, so secured mounts answer
        # 401 and the client retries with credentials, as a real camera does (a token
        # with a role that lacks access gets 404 instead). RigAuth lets open mounts pass.
        anon_token = GstRtspServer.RTSPToken()
        anon_token.set_string("rig.anonymous", "true")
        auth.set_default_token(anon_token)
        server.set_auth(auth)

    def allow(factory, role):
        factory.add_role_from_structure(
            Gst.Structure.from_string(
                f"{role}, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"
            )[0]
        )

    def mount(path, launch, needs_auth, aliases=0):
        factory = SharedFactory(path)
        factory.set_launch(launch)
        factory.set_shared(True)
        if auth is not None and needs_auth:
            allow(factory, "user")
        mounts.add_factory("/" + path, factory)
        for k in range(1, aliases + 1):
            mounts.add_factory(f"/{path}-a{k}", factory)

    index = 0
    for name in names(args.h264) + [m for m in secured if m not in names(args.h264)]:
        mount(name, h264_launch(name, index, 640, 360, 800), name in secured, args.aliases)
        if args.sub:
            sub = h264_launch(name + " sub", index, 320, 180, 250)
            mount(name + "_sub", sub, name in secured, args.aliases)
        index += 1
    for name in names(args.heavy):
        # Noise does not compress, so the encoder really sends its bitrate.
        mount(name, h264_launch(name, index, 640, 360, 8000, "snow"), name in secured)
        index += 1
    for name in names(args.h265):
        mount(name, h265_launch(name, index, 640, 360), name in secured)
        index += 1

    loop = GLib.MainLoop()
    if server.attach(None) == 0:
        print(json.dumps({"ready": False, "error": "bind_failed"}), flush=True)
        sys.exit(2)

    def stop(*_):
        loop.quit()
        return GLib.SOURCE_REMOVE

    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, stop)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, stop)

    print(json.dumps({"ready": True, "port": server.get_bound_port()}), flush=True)
    loop.run()


if __name__ == "__main__":
    main()
