"""The limits of what events.csv reading accepts, shared by the reader's stages."""

# Cells longer than this are refused rather than parsed (a runaway quote swallows the file).
MAX_CELL = 100_000
MAX_LINE = 4 * MAX_CELL  # bytes in one physical line
BOM = b"\xef\xbb\xbf"
DRAIN_AFTER_STOP = 64 * 1024 * 1024
