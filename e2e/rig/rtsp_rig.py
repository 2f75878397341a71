#!/usr/bin/python3
"""RTSP test rig: simulated H.264/H.265 cameras served by GStreamer's RTSP server.

Run with Debian's /usr/bin/python3 (needs python3-gi + gir1.2-gst-rtsp-server-1.0).
Prints one JSON line {"ready": true, "port": N} on stdout once it is serving, or
{"ready": false, "error": ..., "message": ...} (and exits non-zero) when something it
needs is missing: a rig that says ready must be able to serve every mount.
`--check` only verifies the GStreamer elements and bindings (scripts/bootstrap.sh).
Killing the process is a camera (or a whole DVR) going offline.
"""

import argparse
import json
import signal
import sys

# Element → the Debian package whose plugin provides it (dpkg -S on the plugin .so).
REQUIRED_ELEMENTS = {
    "videotestsrc": "gstreamer1.0-plugins-base",
    "clockoverlay": "gstreamer1.0-x",
    "x264enc": "gstreamer1.0-plugins-ugly",
    "x265enc": "gstreamer1.0-plugins-bad",
    "rtph264pay": "gstreamer1.0-plugins-good",
    "rtph265pay": "gstreamer1.0-plugins-good",
    # Tamper and busy mounts (picture_faults.py).
    "compositor": "gstreamer1.0-plugins-base",
    "valve": "libgstreamer1.0-0",
    "videobalance": "gstreamer1.0-plugins-good",
    "videoconvert": "gstreamer1.0-plugins-base",
    "videoscale": "gstreamer1.0-plugins-base",
    "gaussianblur": "gstreamer1.0-plugins-bad",
    # The --clock-stamp picture (clock_stamp.py); its draw callback needs python3-gi-cairo.
    "cairooverlay": "gstreamer1.0-plugins-good",
}


def fail(error, message, exit_code=3, **extra):
    print(json.dumps({"ready": False, "error": error, "message": message, **extra}), flush=True)
    print(f"rtsp_rig: {message}", file=sys.stderr, flush=True)
    sys.exit(exit_code)


try:
    import gi

    gi.require_version("Gst", "1.0")
    gi.require_version("GstRtsp", "1.0")
    gi.require_version("GstRtspServer", "1.0")
    from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402
except (ImportError, ValueError) as err:
    fail(
        "missing_bindings",
        f"GStreamer Python bindings unavailable ({err}): install python3-gi and "
        "gir1.2-gst-rtsp-server-1.0 and run with Debian's /usr/bin/python3",
        packages=["python3-gi", "gir1.2-gst-rtsp-server-1.0"],
    )


try:
    gi.require_foreign("cairo")
except ImportError as err:
    fail(
        "missing_bindings",
        f"cairo bindings for GObject unavailable ({err}): install python3-gi-cairo",
        packages=["python3-gi-cairo"],
    )

import clock_stamp  # noqa: E402
from picture_faults import PictureControl, scene_launch  # noqa: E402


def check_elements(extra=()):
    """Every element a pipeline may use must exist, else the mounts would answer 503."""
    wanted = dict(REQUIRED_ELEMENTS)
    for spec in extra:
        name, _, pkg = spec.partition("=")
        wanted.setdefault(name, pkg or "unknown package")
    missing = [
        {"element": name, "package": pkg}
        for name, pkg in wanted.items()
        if Gst.ElementFactory.find(name) is None
    ]
    if missing:
        listed = ", ".join(f"{m['element']} (apt install {m['package']})" for m in missing)
        fail("missing_elements", f"missing GStreamer elements: {listed}", missing=missing)


# Ball motions and colours vary per mount so tiles are visibly different.
MOTIONS = ["wavy", "sweep", "hsweep"]
COLOURS = [0xFF202020, 0xFF203060, 0xFF602020, 0xFF206030, 0xFF505020, 0xFF402050]


class Shape:
    """What a camera stream looks like: frame rate (a GStreamer fraction) and GOP length."""

    def __init__(self, fps, gop_seconds):
        num, _, den = fps.partition("/")
        self.fps = f"{int(num)}/{int(den or 1)}"
        rate = int(num) / int(den or 1)
        # key-int-max counts frames: 4 s at 12.5 fps is 50.
        self.key_int = max(1, round(rate * gop_seconds))


def size(value):
    w, _, h = value.lower().partition("x")
    return int(w), int(h)


def source(name, index, width, height, shape, pattern="ball"):
    motion = MOTIONS[index % len(MOTIONS)]
    bg = COLOURS[index % len(COLOURS)]
    return (
        f"videotestsrc is-live=true pattern={pattern} motion={motion} background-color={bg} "
        f"! video/x-raw,format=I420,width={width},height={height},framerate={shape.fps} "
        f'! clockoverlay text="{name}" time-format="%H:%M:%S" halignment=left valignment=top '
        f"shaded-background=true font-desc=\"Sans 18\" "
    )


def stamp(stamped):
    return clock_stamp.stamp_launch() if stamped else ""


def h264_launch(name, index, width, height, bitrate, shape, pattern="ball", stamped=False):
    return (
        f"( {source(name, index, width, height, shape, pattern)}{stamp(stamped)}"
        f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={shape.key_int} "
        f"bitrate={bitrate} "
        f"! video/x-h264,profile=constrained-baseline ! rtph264pay name=pay0 pt=96 config-interval=1 )"
    )


def h265_launch(name, index, width, height, shape, stamped=False):
    return (
        f"( {source(name, index, width, height, shape)}{stamp(stamped)}"
        f"! x265enc tune=zerolatency speed-preset=ultrafast key-int-max={shape.key_int} bitrate=600 "
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
    parser.add_argument("--check", action="store_true", help="verify elements and bindings, exit")
    parser.add_argument("--h264", default="", help="comma-separated H.264 mount names")
    parser.add_argument("--h265", default="", help="comma-separated H.265 mount names")
    parser.add_argument("--auth-user", default="admin")
    parser.add_argument("--auth-pass", default="12345")
    parser.add_argument("--auth-mounts", default="", help="mounts needing a password (H.264)")
    parser.add_argument(
        "--auth-method",
        choices=["basic", "digest"],
        default="basic",
        help="how the secured mounts ask for the password (most ward cameras: digest)",
    )
    parser.add_argument("--sub", action="store_true", help="add an H.264 <name>_sub per mount")
    parser.add_argument(
        "--unshared",
        action="store_true",
        help="a pipeline per client: a camera that just booted answers its first clients "
        "at once without GStreamer's shared-media start-up race",
    )
    parser.add_argument("--main-size", default="640x360", help="main stream WxH")
    parser.add_argument("--sub-size", default="320x180", help="sub-stream WxH (D1: 704x576)")
    parser.add_argument("--fps", default="25/1", help="frame rate as a fraction (12.5 fps: 25/2)")
    parser.add_argument("--gop", type=float, default=1.0, help="seconds between keyframes")
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
    parser.add_argument(
        "--tamper",
        default="",
        help="comma-separated mounts whose picture goes black/frozen/covered/scene on "
        "stdin commands (picture_faults.py); each is also served as <name>_sub",
    )
    parser.add_argument(
        "--busy",
        default="",
        help="comma-separated mounts of a busier moving scene with noise (false-alarm soaks)",
    )
    parser.add_argument(
        "--tamper-size", default="352x288", help="tamper/busy picture WxH (CIF; D1: 704x576)"
    )
    parser.add_argument("--tamper-codec", choices=["h264", "h265"], default="h264")
    parser.add_argument(
        "--clock-stamp",
        action="store_true",
        help="H.264/H.265 mounts and their subs burn the wall clock (ms) into the picture's "
        "top band as blocks (clock_stamp.py), for glass-to-glass latency",
    )
    # Tests only (element[=package]): proves the check fails for an element that does not exist.
    parser.add_argument("--require-element", action="append", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args()

    Gst.init(None)
    check_elements(args.require_element)
    if args.check:
        print(json.dumps({"ok": True, "elements": sorted(REQUIRED_ELEMENTS)}), flush=True)
        return

    shape = Shape(args.fps, args.gop)
    main_w, main_h = size(args.main_size)
    sub_w, sub_h = size(args.sub_size)
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
        if args.auth_method == "digest":
            # Only the Digest challenge is offered, as on Hikvision/Dahua firmware.
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
            auth.add_digest(args.auth_user, args.auth_pass, user_token)
        else:
            auth.add_basic(
                GstRtspServer.RTSPAuth.make_basic(args.auth_user, args.auth_pass), user_token
            )
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

    def mount(path, launch, needs_auth, aliases=0, stamp_width=0):
        factory = SharedFactory(path)
        factory.set_launch(launch)
        if stamp_width:
            clock_stamp.attach(factory, stamp_width)
        factory.set_shared(not args.unshared)
        if auth is not None and needs_auth:
            allow(factory, "user")
        mounts.add_factory("/" + path, factory)
        for k in range(1, aliases + 1):
            mounts.add_factory(f"/{path}-a{k}", factory)

    def mount_sub(name, index):
        # Sub-streams are H.264 whatever the main stream is (Dahua: H.265 main, H.264 D1 sub).
        stamped = args.clock_stamp
        sub = h264_launch(name + " sub", index, sub_w, sub_h, 250, shape, stamped=stamped)
        mount(name + "_sub", sub, name in secured, args.aliases, sub_w if stamped else 0)

    pictures = PictureControl()
    scenes = [(n, False) for n in names(args.tamper)] + [(n, True) for n in names(args.busy)]
    scene_names = [n for n, _ in scenes]

    index = 0
    plain = names(args.h264) + scene_names
    for name in names(args.h264) + [m for m in secured if m not in plain]:
        launch = h264_launch(name, index, main_w, main_h, 800, shape, stamped=args.clock_stamp)
        stamp_width = main_w if args.clock_stamp else 0
        mount(name, launch, name in secured, args.aliases, stamp_width)
        if args.sub:
            mount_sub(name, index)
        index += 1
    for name in names(args.heavy):
        # Noise does not compress, so the encoder really sends its bitrate.
        mount(name, h264_launch(name, index, main_w, main_h, 8000, shape, "snow"), name in secured)
        index += 1
    for name in names(args.h265):
        launch = h265_launch(name, index, main_w, main_h, shape, stamped=args.clock_stamp)
        mount(name, launch, name in secured, stamp_width=main_w if args.clock_stamp else 0)
        if args.sub:
            mount_sub(name, index)
        index += 1

    scene_w, scene_h = size(args.tamper_size)
    for name, busy in scenes:
        launch = scene_launch(name, scene_w, scene_h, shape, args.tamper_codec, busy)
        # <name> and <name>_sub share one pipeline, so a camera set up with both
        # (recording the main, detecting on the sub) sees one picture state.
        factory = SharedFactory(name)
        factory.set_launch(launch)
        factory.set_shared(not args.unshared)
        if auth is not None and name in secured:
            allow(factory, "user")
        pictures.track(name, factory)
        mounts.add_factory("/" + name, factory)
        mounts.add_factory(f"/{name}_sub", factory)
    pictures.watch_stdin()

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
