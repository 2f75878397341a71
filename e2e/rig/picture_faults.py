"""Rig cameras whose picture fails on command while the RTSP stream stays up.

A "tamper" mount shows a moving scene (test-pattern background, balls, sensor-like
noise) under the OSD clock. Commands on the rig's stdin switch its picture:

    {"mount": "t1", "state": "black|frozen|covered|scene|normal"}

and the rig answers {"ack": "t1", "state": ...} once the elements of every running
media of that mount are set; media created later (a new client after all left)
start in the mount's current state. The session, the encoder and the timestamps
never stop: only the picture changes, as when a camera is sprayed or turned.
A "busy" mount is the same kind of scene with more motion, for false-alarm soaks.
"""

import json
import os
import sys

from gi.repository import GLib

STATES = ("normal", "black", "frozen", "covered", "scene")

# Moving objects: (motion, colour, x, y) with x, y in quarters of the frame. Each ball
# source is a half-size picture with a transparent background placed at x, y, so the
# balls move in different parts of the picture.
BALLS = [
    ("wavy", 0xFFF0F0F0, 0, 2),
    ("wavy", 0xFF2040C0, 2, 1),
    ("sweep", 0xFFC02020, 1, 1),
    ("wavy", 0xFF20A040, 3, 3),
]
# The covered picture is the scene at 1/BLUR_SCALE size, blurred and scaled back up:
# gaussianblur at full D1 size costs ~55 ms a frame, at a quarter ~1 ms.
BLUR_SCALE = 8


# Constant QP, not a bitrate: with a bitrate the encoder raises the quality of a frozen
# picture GOP after GOP, so its keyframes differ for ~3 GOPs (measured: 47 %, 25 %,
# 5 % of cells changed) before they repeat. At QP 35 a D1 scene is ~1.1 Mbit/s.
QP = 35


def encoder_launch(codec, shape):
    if codec == "h265":
        return (
            f"x265enc tune=zerolatency speed-preset=ultrafast key-int-max={shape.key_int} "
            f"qp={QP} ! rtph265pay name=pay0 pt=96 config-interval=1"
        )
    return (
        f"x264enc tune=zerolatency speed-preset=ultrafast key-int-max={shape.key_int} "
        f"pass=quant quantizer={QP} ! video/x-h264,profile=constrained-baseline "
        f"! rtph264pay name=pay0 pt=96 config-interval=1"
    )


def scene_launch(name, width, height, shape, codec, busy):
    """gst-launch text of one tamper/busy mount (pay0 is the RTSP payloader).

    inner composes the scene: a test-pattern background (bg), balls and sensor-like
    noise. It goes through the freeze valve to outer, in front of a black live
    source, so while the valve drops outer keeps compositing the scene's last frame
    and the encoder still gets every frame with advancing timestamps (a frozen
    camera). A second, normally closed branch (cover) feeds outer a small blurred
    copy scaled back up; covered shows it. Everything is AYUV up to the encoder:
    the compositors here only take inputs in their output format, gaussianblur
    only AYUV.
    """
    # Even sizes for I420, and halves/quarters for the balls and the blur branch.
    width, height = width - width % 8, height - height % 8
    raw = f"width={width},height={height},framerate={shape.fps}"
    balls = BALLS if busy else BALLS[:2]
    parts = [
        f"videotestsrc name=bg is-live=true pattern=smpte "
        f"! video/x-raw,format=AYUV,{raw} ! inner.sink_0"
    ]
    # Pads get their z-order from creation order, which gst-launch text does not fix.
    pads = [f"sink_{k}::zorder={k}" for k in range(len(balls) + 2)]
    for k, (motion, colour, qx, qy) in enumerate(balls):
        pad = f"sink_{k + 1}"
        pads.append(f"{pad}::xpos={qx * width // 4} {pad}::ypos={qy * height // 4}")
        parts.append(
            f"videotestsrc name=ball{k} is-live=true pattern=ball motion={motion} "
            f"background-color=0x00000000 foreground-color={colour:#010x} "
            f"! video/x-raw,format=AYUV,width={width // 2},height={height // 2},"
            f"framerate={shape.fps} ! inner.{pad}"
        )
    noise = f"sink_{len(balls) + 1}"
    pads.append(f"{noise}::alpha=0.1")
    parts += [
        f"videotestsrc is-live=true pattern=snow ! video/x-raw,format=AYUV,{raw} ! inner.{noise}",
        f"compositor name=inner background=black {' '.join(pads)} "
        f"! video/x-raw,format=AYUV,{raw} ! valve name=freeze drop=false ! tee name=scene",
        "scene. ! queue max-size-buffers=2 ! outer.sink_1",
        f"scene. ! queue max-size-buffers=2 ! valve name=cover drop=true ! videoscale "
        f"! video/x-raw,width={width // BLUR_SCALE},height={height // BLUR_SCALE} "
        f"! gaussianblur sigma=3 ! outer.sink_2",
        f"videotestsrc is-live=true pattern=black ! video/x-raw,format=AYUV,{raw} ! outer.sink_0",
        f"compositor name=outer background=black sink_0::zorder=0 sink_1::zorder=1 "
        f"sink_2::zorder=2 sink_2::width={width} sink_2::height={height} sink_2::alpha=0 "
        f"! video/x-raw,format=AYUV,{raw} ! videobalance name=bal "
        f"! videoconvert ! video/x-raw,format=I420 "
        f'! clockoverlay text="{name}" time-format="%H:%M:%S" halignment=left valignment=top '
        f'shaded-background=true font-desc="Sans 18" ! {encoder_launch(codec, shape)}',
    ]
    return "( " + " ".join(parts) + " )"


# Every state sets every control, so any state can follow any other. A name with a
# colon is a compositor pad: element:pad.
NORMAL = {
    ("freeze", "drop"): False,
    ("cover", "drop"): True,
    ("outer:sink_2", "alpha"): 0.0,
    ("bal", "brightness"): 0.0,
    ("bal", "contrast"): 1.0,
    ("bal", "saturation"): 1.0,
    ("bg", "pattern"): "smpte",
}
CHANGES = {
    "normal": {},
    # The OSD clock is drawn after videobalance, so it stays, as on a real camera.
    "black": {("bal", "brightness"): -1.0, ("bal", "contrast"): 0.0},
    "frozen": {("freeze", "drop"): True},
    # A lens sprayed or covered: blurred, flat and a little brighter.
    "covered": {
        ("cover", "drop"): False,
        ("outer:sink_2", "alpha"): 1.0,
        ("bal", "contrast"): 0.25,
        ("bal", "brightness"): 0.2,
        ("bal", "saturation"): 0.4,
    },
    "scene": {("bg", "pattern"): "pinwheel"},
}


def find(bin_, name):
    element, _, pad = name.partition(":")
    target = bin_.get_by_name(element)
    return target.get_static_pad(pad) if target is not None and pad else target


def apply_state(bin_, state):
    for (element, prop), value in {**NORMAL, **CHANGES[state]}.items():
        target = find(bin_, element)
        if target is not None:
            target.set_property(prop, value)


class PictureControl:
    """Current state per mount, the live media of each, and the stdin command watch."""

    def __init__(self):
        self.states = {}
        self.media = {}

    def track(self, mount, factory):
        self.states[mount] = "normal"
        self.media[mount] = []

        def configured(_factory, media):
            live = self.media[mount]
            live.append(media)
            media.connect("unprepared", lambda m: m in live and live.remove(m))
            apply_state(media.get_element(), self.states[mount])

        factory.connect("media-configure", configured)

    def command(self, line):
        try:
            msg = json.loads(line)
            mount, state = msg["mount"], msg["state"]
        except (ValueError, KeyError, TypeError):
            return {"error": "bad_command", "line": line[:200]}
        if mount not in self.states:
            return {"error": "unknown_mount", "mount": mount}
        if state not in STATES:
            return {"error": "unknown_state", "mount": mount, "state": state}
        self.states[mount] = state
        for media in self.media[mount]:
            apply_state(media.get_element(), state)
        return {"ack": mount, "state": state, "media": len(self.media[mount])}

    def watch_stdin(self):
        """Reads JSON lines from stdin on the main loop; EOF just ends the watch."""
        buffered = bytearray()

        def readable(fd, condition):
            chunk = os.read(fd, 4096) if condition & GLib.IO_IN else b""
            if not chunk:
                return GLib.SOURCE_REMOVE
            buffered.extend(chunk)
            while b"\n" in buffered:
                raw, _, rest = bytes(buffered).partition(b"\n")
                buffered[:] = rest
                line = raw.decode("utf-8", "replace").strip()
                if line:
                    print(json.dumps(self.command(line)), flush=True)
            return GLib.SOURCE_CONTINUE

        GLib.unix_fd_add_full(
            GLib.PRIORITY_DEFAULT, sys.stdin.fileno(), GLib.IO_IN | GLib.IO_HUP, readable
        )
