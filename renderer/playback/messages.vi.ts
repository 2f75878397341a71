export const viPlayback = {
  'playback.open': 'Xem lại',
  'playback.openHint':
    'Xem lại ghi hình của các ô camera đang chọn (không chọn ô nào: camera ở ô đầu tiên)',
  'playback.openCamera': 'Xem lại ghi hình camera này',
  'playback.noCamera': 'Chưa có camera nào trên màn hình để xem lại',
  'playback.mode': 'Xem lại ghi hình',
  'playback.live': 'Về trực tiếp',
  'playback.liveHint': 'Quay về màn hình xem trực tiếp (L)',
  'playback.region': 'Xem lại ghi hình',

  'playback.play': 'Phát (phím cách)',
  'playback.pause': 'Tạm dừng (phím cách)',
  'playback.rate': 'Tốc độ phát (phím - và +)',
  'playback.rateHeading': 'Tốc độ phát',
  'playback.stepBack': 'Lùi 1 khung hình (phím ,)',
  'playback.stepForward': 'Tiến 1 khung hình (phím .)',
  'playback.back1m': 'Lùi 1 phút (Shift+←)',
  'playback.back10s': 'Lùi 10 giây (←)',
  'playback.fwd10s': 'Tiến 10 giây (→)',
  'playback.fwd1m': 'Tiến 1 phút (Shift+→)',
  'playback.prevIncident': 'Vụ việc trước (PageUp)',
  'playback.nextIncident': 'Vụ việc sau (PageDown)',
  'playback.prevPeak': 'Đỉnh hoạt động trước (Ctrl+←)',
  'playback.nextPeak': 'Đỉnh hoạt động sau (Ctrl+→)',
  'playback.noPrevIncident': 'Không có vụ việc nào trước thời điểm này trong khoảng đang xem',
  'playback.noNextIncident': 'Không có vụ việc nào sau thời điểm này trong khoảng đang xem',
  'playback.noPrevPeak':
    'Không có đỉnh hoạt động nào trước thời điểm này — thu nhỏ dòng thời gian để tìm rộng hơn',
  'playback.noNextPeak':
    'Không có đỉnh hoạt động nào sau thời điểm này — thu nhỏ dòng thời gian để tìm rộng hơn',

  'playback.clock': 'Thời điểm đang xem',
  'playback.date': 'Ngày (dd/MM/yyyy)',
  'playback.time': 'Giờ (HH:mm:ss)',
  'playback.pickDate': 'Chọn ngày trên lịch',
  'playback.go': 'Đến',
  'playback.goHint': 'Chuyển tới ngày giờ đã nhập (giờ Việt Nam)',
  'playback.badDate': 'Ngày không đúng — nhập theo dạng dd/MM/yyyy, ví dụ 05/06/2025',
  'playback.badTime': 'Giờ không đúng — nhập theo dạng HH:mm hoặc HH:mm:ss, ví dụ 14:30',
  'playback.futureTime': 'Thời điểm này chưa tới — chọn một thời điểm đã qua',

  'playback.span': 'Khoảng hiển thị',
  'playback.span.1m': '1 phút',
  'playback.span.10m': '10 phút',
  'playback.span.1h': '1 giờ',
  'playback.span.6h': '6 giờ',
  'playback.span.1d': '1 ngày',
  'playback.span.7d': '7 ngày',
  'playback.timeline': 'Dòng thời gian',
  'playback.alarmLegend': 'Chú thích cảnh báo hình ảnh và giờ camera',
  'playback.timelineHint':
    'Lăn chuột để phóng to, thu nhỏ · Kéo nền để di chuyển · Bấm để tua tới · Kéo vạch phát để tua liên tục · Shift+kéo để chọn đoạn cần xuất',
  'playback.timelineLoading': 'Đang tải dòng thời gian…',
  'playback.timelineError': 'Không tải được dòng thời gian: {message}',
  'playback.legend.recorded': 'Có ghi hình',
  'playback.legend.gap': 'Đoạn trống',
  'playback.legend.activity': 'Mức hoạt động',
  'playback.legend.incident': 'Vụ việc',
  'playback.tip.gap': 'Không có ghi hình: {reason}',
  'playback.tip.range': '{from} → {to}',
  'playback.tip.ongoing': 'đến nay',
  'playback.tip.incident': '{code} · {category}',
  'playback.tip.incidentClick': 'Bấm để tua tới lúc bắt đầu',

  'playback.state.loading': 'Đang tải ghi hình…',
  'playback.state.noFootage': 'Không có ghi hình',
  'playback.state.noFootageHint':
    'Thời điểm này không có đoạn ghi nào. Ghi hình mới nhất xem lại được chậm hơn trực tiếp khoảng 1–2 giây.',
  'playback.state.gap': 'Không có ghi hình',
  'playback.state.gapReason': 'Lý do: {reason}',
  'playback.state.error': 'Không phát được ghi hình — thử tua sang thời điểm khác hoặc mở lại',
  'playback.error.codec':
    'Máy này không giải mã được chuẩn nén của camera — báo kỹ thuật viên cài bộ giải mã hoặc xem trên máy trạm khác',
  'playback.error.fetch':
    'Không tải được đoạn ghi hình — đang thử lại; nếu vẫn lỗi, kiểm tra ổ ghi hình trong bảng Lưu trữ',
  'playback.error.forbidden':
    'Phiên đăng nhập đã hết hoặc màn hình đã khóa — đăng nhập lại để xem ghi hình',
  'playback.error.decode':
    'Đoạn ghi hình này bị hỏng, không phát được — báo kỹ thuật viên kiểm tra ổ ghi hình',
  'playback.error.index':
    'Không đọc được danh sách ghi hình — đang thử lại; nếu vẫn lỗi, khởi động lại phần mềm',
  'playback.error.transcode':
    'Không chuyển được hình H.265 sang dạng phát được trên máy này — báo kỹ thuật viên kiểm tra ffmpeg của trạm',
  'playback.error.transcodeBusy':
    'Trạm đang chuyển mã tối đa số camera H.265 cùng lúc — đóng bớt camera H.265 khác để xem camera này',
  'playback.state.paused': 'TẠM DỪNG',
  'playback.state.playing': 'ĐANG PHÁT',
  'playback.selected': 'Camera đang chọn để chụp ảnh',
  'playback.selectHint': 'Bấm để chọn camera này khi chụp ảnh',

  'playback.snapshot': 'Chụp ảnh',
  'playback.snapshotHint': 'Chụp khung hình hiện tại của camera đang chọn thành ảnh PNG',
  'playback.snapshotTitle': 'Ảnh chụp {camera}',
  'playback.snapshotNone': 'Camera này chưa có khung hình để chụp — chờ hình hiện ra rồi chụp lại',
  'playback.snapshotSave': 'Lưu ảnh',
  'playback.snapshotAttach': 'Đính kèm vào vụ việc',
  'playback.snapshotChoose': 'Chọn vụ việc trên dòng thời gian:',
  'playback.snapshotNoIncidents':
    'Không có vụ việc nào trong khoảng đang xem. Mở rộng dòng thời gian hoặc tạo vụ việc bằng F2.',
  'playback.snapshotSaved': 'Đã lưu ảnh {file}',
  'playback.snapshotAttached': 'Đã đính kèm ảnh vào vụ việc {code}',
  'playback.snapshotTooLarge':
    'Ảnh quá lớn để đính kèm — chọn ô camera nhỏ hơn hoặc lưu ảnh ra máy',

  // Export range: chosen on the timeline, exported with "Trích xuất dữ liệu…".
  'playback.range': 'Đoạn cần xuất',
  'playback.range.markStart': 'Đặt điểm đầu',
  'playback.range.markStartHint': 'Đặt điểm đầu của đoạn cần xuất tại vạch phát (phím [)',
  'playback.range.markEnd': 'Đặt điểm cuối',
  'playback.range.markEndHint': 'Đặt điểm cuối của đoạn cần xuất tại vạch phát (phím ])',
  'playback.range.clear': 'Bỏ chọn',
  'playback.range.clearHint': 'Bỏ đoạn đã chọn (Esc)',
  'playback.range.none': 'Chưa chọn đoạn trích xuất',
  'playback.range.span': '{from} → {to}',
  'playback.range.startOnly': 'Từ {from} → chưa đặt điểm cuối',
  'playback.range.endOnly': 'Chưa đặt điểm đầu → {to}',
  'playback.range.seconds': '{s} giây',
  'playback.range.minutes': '{m} phút {s} giây',
  'playback.range.hours': '{h} giờ {m} phút {s} giây',
  'playback.range.tooLong': 'Dài hơn 24 giờ — mỗi lần trích xuất tối đa 24 giờ',
  'playback.export': 'Trích xuất dữ liệu…',
  'playback.exportHint':
    'Trích xuất ghi hình của {count} camera đang xem trong đoạn đã chọn ra USB hoặc thư mục',
  'playback.exportNeedsRange':
    'Chọn đoạn cần xuất trước: đặt điểm đầu (phím [) và điểm cuối (phím ]) tại vạch phát, hoặc giữ Shift và kéo trên dòng thời gian',
  'playback.exportTooLong': 'Mỗi lần xuất tối đa 24 giờ — thu hẹp đoạn đã chọn',
};
