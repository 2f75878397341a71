// The media server's /live WebSocket as both sides see it.

/** Output format of a live stream: fragmented MP4 for Media Source, MPEG-1 for JSMpeg. */
export type LiveFormat = 'fmp4' | 'mpeg1';
