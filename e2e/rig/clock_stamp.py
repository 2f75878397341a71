"""A wall-clock stamp burned into a rig camera's picture, for glass-to-glass latency.

Each frame's top band carries BLOCKS blocks (width // BLOCKS wide, twice as tall),
black or white: the Gray code of time_ns() // 1e6 mod 2^32, taken when the frame
passes the overlay (just before the encoder), then a CRC-8 of that value, most
significant bit first. Reading it needs no OCR: the decoder (e2e/rig/clock-stamp.ts)
averages one luma value per block. Blocks of 16×32 px on a 640-wide picture sit on
macroblock edges, so H.264 keeps them sharp even at low bitrates.
"""

import time

BLOCKS = 40
VALUE_BITS = 32
CRC_POLY = 0x07
# A non-zero start value: an all-black band (no stamp, or a black picture) must fail the CRC.
CRC_INIT = 0xFF


def crc8(data):
    crc = CRC_INIT
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ CRC_POLY) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def stamp_bits(ms):
    """The BLOCKS bits for a millisecond clock value, most significant first."""
    value = ms & 0xFFFFFFFF
    gray = value ^ (value >> 1)
    crc = crc8(value.to_bytes(4, "big"))
    word = (gray << 8) | crc
    return [(word >> (BLOCKS - 1 - i)) & 1 for i in range(BLOCKS)]


def stamp_launch():
    """Pipeline text between the raw source and the encoder (cairooverlay works in BGRx)."""
    return "! videoconvert ! cairooverlay name=clockstamp ! videoconvert ! video/x-raw,format=I420 "


def attach(factory, width):
    """Draws the stamp on every frame of every media the factory builds."""
    block = max(1, width // BLOCKS)

    def draw(_overlay, ctx, _timestamp, _duration):
        bits = stamp_bits(time.time_ns() // 1_000_000)
        for i, bit in enumerate(bits):
            # Full black and white: limited-range luma 16 and 235 after the conversion.
            ctx.set_source_rgb(bit, bit, bit)
            ctx.rectangle(i * block, 0, block, 2 * block)
            ctx.fill()

    def configure(_factory, media):
        overlay = media.get_element().get_by_name("clockstamp")
        if overlay is not None:
            overlay.connect("draw", draw)

    factory.connect("media-configure", configure)
