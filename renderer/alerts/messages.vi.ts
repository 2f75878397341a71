export const viAlerts = {
  'cameraAlarm.title': 'Camera mất kết nối',
  'cameraAlarm.item': '{name} mất kết nối từ {time}',
  'cameraAlarm.itemAuth': '{name}: sai mật khẩu từ {time}, không xem và ghi hình được',
  'cameraAlarm.ack': 'Đã biết',
  'cameraAlarm.ackHint':
    'Tắt chuông cho lần mất kết nối này; chuông sẽ kêu lại nếu camera mất kết nối lần sau.',
  'cameraAlarm.soundBlocked': 'Chuông chưa kêu được: bấm vào màn hình để bật.',
  'cameraAlarm.ackFailed': 'Chưa ghi nhận được "Đã biết". Thử lại.',

  'pictureAlarm.title': 'Cảnh báo hình ảnh và giờ camera',
  'pictureAlarm.black': 'Mất hình – màn hình đen',
  'pictureAlarm.frozen': 'Hình bị đứng',
  'pictureAlarm.covered': 'Camera bị che/mờ',
  'pictureAlarm.scene': 'Camera bị xoay/đổi cảnh',
  'pictureAlarm.clock': 'Lệch giờ camera',
  'pictureAlarm.timezone': 'Sai múi giờ camera',
  'pictureAlarm.blackAdvice':
    'Luồng vẫn kết nối nhưng hình đen. Xem ô của camera; nếu vẫn đen, cử người kiểm tra camera.',
  'pictureAlarm.frozenAdvice':
    'Hình không thay đổi (đồng hồ trên hình có thể vẫn chạy). Xem ô của camera; nếu đứng hình, khởi động lại camera.',
  'pictureAlarm.coveredAdvice':
    'Ống kính có thể bị che, xịt sơn hoặc mờ. Cử người kiểm tra tại chỗ.',
  'pictureAlarm.sceneAdvice':
    'Góc nhìn khác ảnh chuẩn: camera có thể bị xoay. Nếu đã chỉnh góc có chủ đích, chỉ huy chụp lại ảnh chuẩn.',
  'pictureAlarm.clockAdvice':
    'Hình ghi từ camera này sẽ mang giờ sai. Chỉ huy bấm “Chỉnh giờ theo máy trạm”.',
  'pictureAlarm.timezoneAdvice':
    'Camera không đặt múi giờ Việt Nam (UTC+7). Chỉ huy bấm “Chỉnh giờ theo máy trạm”.',
  'pictureAlarm.item': '{name}: {what}',
  'pictureAlarm.since': 'từ {time}',
  'pictureAlarm.offset': 'lệch {offset}',
  'pictureAlarm.source.camera': 'camera tự báo',
  'pictureAlarm.ackHint': 'Tắt chuông cho cảnh báo này; chuông kêu lại nếu camera gặp lại sự cố.',
};
