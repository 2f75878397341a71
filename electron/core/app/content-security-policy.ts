// The Content-Security-Policy of the console's page, in one place for both hosts:
// the Electron shell (main/csp.ts, app:// protocol) and browser mode
// (static-app-route.ts). Our own files only, plus the loopback media server (live
// video, RPC). 'wasm-unsafe-eval' lets JSMpeg compile its WebAssembly decoder; it
// does not allow JavaScript eval.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  // Incident snapshots are served by the media server.
  "img-src 'self' data: blob: http://127.0.0.1:*",
  "media-src 'self' blob: http://127.0.0.1:*",
  "connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
