export const viAlerts = {
  'cameraAlarm.title': 'Camera mất kết nối',
  'cameraAlarm.item': '{name} mất kết nối từ {time}',
  'cameraAlarm.itemAuth': '{name}: sai mật khẩu từ {time}, không xem và ghi hình được',
  'cameraAlarm.ack': 'Đã biết',
  'cameraAlarm.ackHint':
    'Tắt chuông cho lần mất kết nối này; chuông sẽ kêu lại nếu camera mất kết nối lần sau.',
  'cameraAlarm.soundBlocked': 'Chuông chưa kêu được: bấm vào màn hình để bật.',
  'cameraAlarm.ackFailed': 'Chưa ghi nhận được "Đã biết". Thử lại.',
};
