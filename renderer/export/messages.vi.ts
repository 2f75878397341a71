export const viExport = {
  'export.open': 'Trích xuất dữ liệu',
  'export.openHint': 'Trích xuất đoạn ghi hình của vụ việc ra USB cho điều tra viên',
  'export.title': 'Trích xuất dữ liệu cho điều tra viên',
  'export.incident': 'Vụ việc',
  'export.noIncident': 'Không gắn với vụ việc',
  'export.cameras': 'Camera ({n})',
  'export.range': 'Khoảng thời gian (giờ Việt Nam)',
  'export.start': 'Từ',
  'export.end': 'Đến',
  'export.timePlaceholder': 'dd/MM/yyyy HH:mm:ss',
  'export.rangeHint': 'Độ dài: {duration}',
  'export.caseNumber': 'Số công văn / hồ sơ',
  'export.caseNumberPlaceholder': 'Không bắt buộc, ví dụ 125/CV-CSHS',

  'export.destination': 'Nơi lưu',
  'export.noDrive':
    'Chưa thấy USB nào. Cắm USB vào máy — danh sách tự cập nhật sau vài giây, không cần bấm gì.',
  'export.drivesFailed': 'Không đọc được danh sách USB: {error}',
  'export.driveSpace': 'Còn trống {free} / {size}',
  'export.recentFolders': 'Thư mục đã dùng gần đây',
  'export.chooseFolder': 'Chọn thư mục khác…',
  'export.chosenFolder': 'Thư mục đã chọn',
  'export.folderPath': 'Thư mục đích (đường dẫn đầy đủ)',
  'export.folderPathPlaceholder': 'Ví dụ E:\\ hoặc /media/canbo/USB',

  'export.check': 'Kiểm tra trước khi trích xuất',
  'export.checking': 'Đang kiểm tra…',
  'export.checkFailed': 'Không kiểm tra được: {error}',
  'export.recorded': 'Có ghi hình {recorded}',
  'export.complete': 'đủ cả khoảng',
  'export.missing': 'thiếu {n} đoạn: {ranges}',
  'export.noFootageCamera': 'Không có ghi hình trong khoảng này',
  'export.needed': 'Dung lượng cần: khoảng {needed}',
  'export.neededFree': 'Dung lượng cần: khoảng {needed} · còn trống {free}',
  'export.folderName': 'Thư mục sẽ tạo: {name}',
  'export.startButton': 'Bắt đầu trích xuất',
  'export.starting': 'Đang bắt đầu…',

  'export.field.invalid_time': 'Ngày giờ không đúng — nhập theo dạng dd/MM/yyyy HH:mm:ss',
  'export.field.range_end_before_start': 'Giờ kết thúc phải sau giờ bắt đầu',
  'export.field.range_too_long': 'Mỗi lần trích xuất tối đa 24 giờ — hãy chia thành nhiều lần',
  'export.field.destination_required': 'Hãy chọn USB hoặc thư mục để lưu',
  'export.field.cameras_required': 'Cần ít nhất một camera',
  'export.field.too_many_cameras': 'Mỗi lần trích xuất tối đa 16 camera',
  'export.field.too_long': 'Quá dài (tối đa 100 ký tự)',

  'export.blocker.no_footage':
    'Không có ghi hình nào của các camera đã chọn trong khoảng thời gian này. Hãy kiểm tra lại thời gian hoặc chọn camera khác.',
  'export.blocker.destination_missing':
    'Không tìm thấy nơi lưu (USB đã bị rút hoặc thư mục không còn). Hãy cắm lại USB hoặc chọn nơi lưu khác.',
  'export.blocker.destination_not_writable':
    'Không ghi được vào nơi lưu (USB bị khóa ghi hoặc không có quyền). Hãy gạt khóa ghi trên USB hoặc chọn nơi lưu khác.',
  'export.blocker.destination_full':
    'USB không đủ chỗ: cần {needed}, còn {free}. Hãy dùng USB khác hoặc rút ngắn khoảng thời gian.',
  'export.blocker.file_too_large_for_fat32':
    'USB định dạng FAT32 không chứa được tệp từ 4 GB trở lên. Hãy rút ngắn khoảng thời gian hoặc dùng USB định dạng exFAT/NTFS.',
  'export.blocker.destination_not_absolute':
    'Đường dẫn chưa đầy đủ. Hãy nhập đường dẫn đầy đủ của thư mục, ví dụ E:\\ hoặc /media/canbo/USB.',
  'export.blocker.destination_is_station_storage':
    'Không được lưu vào ổ/thư mục ghi hình của trạm. Hãy chọn USB hoặc thư mục khác.',
  'export.blocker.station_disk_full':
    'Ổ đĩa của máy trạm không đủ chỗ tạm để chuẩn bị video. Hãy giải phóng dung lượng hoặc rút ngắn khoảng thời gian.',
  'export.blocker.codec_changed':
    'Một camera đổi chuẩn nén (H.264/H.265) trong khoảng thời gian này. Hãy chia thành hai lần trích xuất, trước và sau lúc đổi.',
  'export.blocker.other':
    'Chưa thể trích xuất ({code}). Hãy kiểm tra lại nơi lưu và khoảng thời gian.',

  'export.progress.title': 'Đang trích xuất dữ liệu',
  'export.phase.preparing': 'Đang chuẩn bị…',
  'export.phase.video': 'Đang ghi video',
  'export.phase.files': 'Đang ghi báo cáo và tệp kèm theo',
  'export.phase.verifying': 'Đang đọc lại và kiểm tra mã băm',
  'export.phase.finishing': 'Đang hoàn tất',
  'export.filesCount': 'Tệp {done}/{total}',
  'export.eta.estimating': 'Đang ước tính thời gian còn lại…',
  'export.eta.underMinute': 'Còn chưa đến 1 phút',
  'export.eta.minutes': 'Còn khoảng {m} phút',
  'export.eta.hours': 'Còn khoảng {h} giờ {m} phút',
  'export.cancel': 'Hủy trích xuất',
  'export.cancelAsk': 'Hủy lần trích xuất này? Các tệp đã ghi sẽ bị xóa.',
  'export.cancelKeep': 'Tiếp tục trích xuất',
  'export.cancelling': 'Đang hủy…',
  'export.cancelFailed': 'Không hủy được: {error}',

  'export.done.title': 'Đã trích xuất xong',
  'export.done.folder': 'Thư mục',
  'export.done.files': '{n} tệp · {size}',
  'export.done.hash': 'SHA-256 (manifest.json)',
  'export.done.centre':
    'Gói này trả lời yêu cầu của trung tâm và nằm trong thư mục trên máy trạm. Chép cả thư mục ra USB để chuyển; trung tâm đối chiếu mã SHA-256 của bảng kê tệp đã nhận qua kết nối.',
  'export.done.eject': 'Hãy chọn “Tháo thiết bị an toàn” (Safely Remove) trước khi rút USB.',
  'export.failed.title': 'Trích xuất dữ liệu không thành công',
  // What may be left on the destination, by how the export failed (see leftoverMessage).
  'export.leftover.removed': 'Các tệp dở dang đã được xóa.',
  'export.leftover.maybe':
    'Đã xóa các tệp dở dang nếu nơi lưu còn cho phép. Nếu vẫn thấy thư mục “{folder}”, đó là bản không hoàn chỉnh — hãy xóa thư mục đó.',
  'export.leftover.unreachable':
    'Nếu cắm lại USB (hoặc nơi lưu có lại), có thể còn thư mục “{folder}” — đó là bản không hoàn chỉnh, hãy xóa thư mục đó.',
  'export.cancelled.title': 'Đã hủy trích xuất dữ liệu',
  'export.cancelled.text': 'Đã hủy, không để lại tệp dở dang.',
  'export.dismiss': 'Đóng',

  'export.failed.destination_missing':
    'USB đã bị rút (hoặc thư mục lưu không còn) khi đang ghi. Hãy cắm lại USB và trích xuất lại.',
  'export.failed.destination_full':
    'Nơi lưu đã đầy khi đang ghi. Hãy dùng USB khác, giải phóng chỗ trống hoặc rút ngắn khoảng thời gian rồi trích xuất lại.',
  'export.failed.destination_not_writable':
    'Không ghi được vào nơi lưu (USB bị khóa ghi hoặc không có quyền ghi). Hãy gạt khóa ghi hoặc chọn nơi lưu khác.',
  'export.failed.write_failed':
    'Lỗi khi ghi dữ liệu ra nơi lưu; USB hoặc ổ đĩa có thể bị hỏng. Hãy thử USB khác.',
  'export.failed.verify_mismatch':
    'Dữ liệu đọc lại từ nơi lưu không khớp với dữ liệu đã ghi; USB hoặc ổ đĩa có thể bị lỗi. Hãy dùng USB khác và trích xuất lại.',
  'export.failed.no_footage':
    'Không còn ghi hình trong khoảng thời gian đã chọn (có thể đã bị xóa theo thời hạn lưu trữ).',
  'export.failed.remux_failed':
    'Không đóng gói được video (lỗi ffmpeg). Hãy thử lại; nếu vẫn lỗi, báo cán bộ kỹ thuật.',
  'export.failed.internal':
    'Có lỗi không mong muốn. Hãy thử lại; nếu vẫn lỗi, báo cán bộ kỹ thuật.',

  'export.list.title': 'Đã trích xuất',
  'export.list.empty': 'Chưa trích xuất lần nào',
  'export.list.loadFailed': 'Không tải được danh sách đã trích xuất: {error}',
  'export.status.running': 'Đang trích xuất',
  'export.status.complete': 'Hoàn tất',
  'export.status.failed': 'Lỗi',
  'export.status.cancelled': 'Đã hủy',

  'error.conflict.export_running':
    'Đang có một lần trích xuất dữ liệu khác. Chờ lần đó xong hoặc hủy nó trước.',
  'error.conflict.export_not_cancellable': 'Lần trích xuất này đang kết thúc, không hủy được nữa.',
};
