// The core renders the handover report as PDF on the media server; it needs the
// launch token (any media request) and the session token (who may read it).
export function handoverPdfUrl(
  mediaBaseUrl: string,
  handoverId: string,
  mediaToken: string,
  sessionToken: string,
): string {
  const q = new URLSearchParams({ id: handoverId, token: mediaToken, session: sessionToken });
  return `${mediaBaseUrl.replace(/\/+$/, '')}/reports/handover.pdf?${q.toString()}`;
}
