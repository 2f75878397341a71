export const viConnection = {
  'serviceDown.title': 'Mất kết nối với dịch vụ ghi hình của trạm',
  'serviceDown.text':
    'Camera có thể không được ghi. Đang tự kết nối lại… Nếu quá 1 phút: khởi động lại máy hoặc báo cán bộ kỹ thuật.',
  'serviceDown.for': 'Đã mất {duration}',
  'serviceDown.silence': 'Tắt chuông',
  'serviceDown.silenced': 'Đã tắt chuông lần này',
  'serviceDown.stale': 'Trạng thái camera và ghi hình là của lúc {time}, chưa cập nhật được',
  'serviceDown.soundBlocked': 'Chuông chưa kêu được: bấm vào màn hình để bật.',
};
