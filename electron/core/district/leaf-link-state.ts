// What the leaf node's own log says of its link to the hub, in words for the
// commander. nats-server reports the leaf connection's life in its log (created,
// closed, refused); reading it needs no extra permission on the hub and no probe.
import type { DistrictStatus } from '../../contract/district';

export interface LeafLinkState {
  link: Extract<DistrictStatus['link'], 'starting' | 'linking' | 'linked' | 'failed'>;
  problem: string | null;
}

const RULES: readonly [RegExp, (line: string) => LeafLinkState | null][] = [
  [/Leafnode connection created/i, () => ({ link: 'linked', problem: null })],
  [
    /authorization violation|authentication error/i,
    () => ({
      link: 'failed',
      problem:
        'Trung tâm từ chối tài khoản của trạm: tệp cấp quyền sai hoặc đã bị thu hồi. Xin trung tâm cấp tệp mới rồi kết nối lại. / The centre refused the station account.',
    }),
  ],
  [
    /x509|certificate|tls: /i,
    () => ({
      link: 'failed',
      problem:
        'Chứng chỉ bảo mật của trung tâm không khớp với tệp cấp quyền. Xin trung tâm kiểm tra chứng chỉ hoặc cấp tệp mới. / The centre’s TLS certificate does not match.',
    }),
  ],
  [
    /Error trying to connect as leafnode|connection refused|i\/o timeout|no such host/i,
    () => ({
      link: 'linking',
      problem:
        'Chưa nối được tới trung tâm (mạng hoặc máy chủ trung tâm đang tắt). Sự kiện vẫn được lưu tại trạm và sẽ tự gửi khi có mạng. / Centre not reachable; events are kept and sent later.',
    }),
  ],
  [
    /Leafnode connection closed/i,
    () => ({
      link: 'linking',
      problem:
        'Mất kết nối tới trung tâm. Sự kiện vẫn được lưu tại trạm và sẽ tự gửi khi có mạng. / Link to the centre lost; events are kept.',
    }),
  ],
];

/** The state a log line moves the link to, or null when the line says nothing of it. */
export function leafLinkStateOf(line: string): LeafLinkState | null {
  for (const [pattern, state] of RULES) if (pattern.test(line)) return state(line);
  return null;
}
