export const viDistrict = {
  'district.section': 'Trung tâm quận/huyện',
  'district.intro':
    'Trạm gửi vụ việc, tình trạng camera và cảnh báo lên trung tâm chỉ huy quận/huyện. Hình ảnh không được gửi đi, trừ khi chỉ huy trạm đồng ý một yêu cầu trích xuất.',
  'district.byCommander': 'Chỉ chỉ huy được kết nối hoặc ngắt kết nối với trung tâm.',
  'district.unknown': 'Chưa đọc được trạng thái kết nối trung tâm.',
  'district.link.off': 'Chưa kết nối',
  'district.link.starting': 'Đang khởi động',
  'district.link.linking': 'Đang kết nối',
  'district.link.linked': 'Đã kết nối',
  'district.link.failed': 'Lỗi kết nối',
  'district.state': 'Trạng thái',
  'district.station': 'Mã trạm',
  'district.hub': 'Địa chỉ trung tâm',
  'district.connectedSince': 'Kết nối từ',
  'district.pending': 'Chưa gửi',
  'district.pendingNone': 'Đã gửi hết',
  'district.pendingCount': '{n} sự kiện, cũ nhất từ {age} trước',
  'district.lastSeq': 'Sự kiện đã gửi gần nhất',
  'district.lastSeqNone': 'Chưa gửi sự kiện nào',
  'district.linkingHint':
    'Sự kiện được giữ lại trên máy trạm và tự gửi khi tới được trung tâm. Nếu kéo dài, kiểm tra mạng tới địa chỉ trung tâm.',
  'district.connect': 'Kết nối…',
  'district.reconnect': 'Kết nối lại bằng tệp mới…',
  'district.disconnect': 'Ngắt kết nối…',
  'district.openRequests': 'Yêu cầu trích xuất',
  'district.openRequestsCount': 'Yêu cầu trích xuất ({n} chờ duyệt)',

  'district.connectTitle': 'Kết nối trung tâm quận/huyện',
  'district.connectStep1':
    'Chọn tệp thông tin kết nối do trung tâm cấp cho trạm này (tệp .json), hoặc dán nội dung tệp vào ô dưới.',
  'district.chooseFile': 'Chọn tệp…',
  'district.fileChosen': 'Tệp: {name}',
  'district.paste': 'Nội dung tệp',
  'district.pastePlaceholder':
    'Mở tệp .json trung tâm cấp, sao chép toàn bộ nội dung và dán vào đây',
  'district.next': 'Tiếp tục',
  'district.back': 'Quay lại',
  'district.confirmStep':
    'Kiểm tra đúng là trạm của mình và địa chỉ trung tâm trước khi kết nối. Việc kết nối được ghi vào nhật ký hệ thống.',
  'district.confirmStationName': 'Tên trạm',
  'district.confirmConnect': 'Kết nối',
  'district.connecting': 'Đang kết nối…',
  'district.fileTooBig':
    'Tệp quá lớn, không phải tệp thông tin kết nối. Chọn đúng tệp trung tâm cấp.',
  'district.fileUnreadable':
    'Không đọc được tệp. Chọn lại tệp, hoặc mở tệp và dán nội dung vào ô dưới.',
  'district.problem.empty': 'Chưa có nội dung. Chọn tệp trung tâm cấp hoặc dán nội dung tệp.',
  'district.problem.not_json':
    'Đây không phải tệp thông tin kết nối (không đọc được nội dung). Chọn đúng tệp .json trung tâm cấp, không sửa nội dung.',
  'district.problem.wrong_format':
    'Tệp này không phải tệp thông tin kết nối trạm. Đề nghị trung tâm cấp lại tệp cho trạm.',
  'district.problem.station_id':
    'Mã trạm trong tệp không hợp lệ. Đề nghị trung tâm cấp lại tệp cho trạm.',
  'district.problem.incomplete':
    'Tệp thiếu thông tin (địa chỉ, tài khoản hoặc chứng chỉ). Đề nghị trung tâm cấp lại tệp, không sửa tệp bằng tay.',
  'field.credentials_format':
    'Tệp thông tin kết nối không đúng định dạng. Đề nghị trung tâm cấp lại tệp.',
  'field.credentials_station':
    'Tệp này cấp cho trạm khác với trạm đang kết nối. Ngắt kết nối trước, hoặc dùng đúng tệp của trạm.',
  'toast.districtConnected': 'Đã lưu kết nối trung tâm {name}. Trạm đang kết nối…',
  'toast.districtDisconnected': 'Đã ngắt kết nối trung tâm quận/huyện.',

  'district.disconnectTitle': 'Ngắt kết nối trung tâm',
  'district.disconnectWarning':
    'Trạm sẽ ngừng gửi vụ việc, tình trạng camera và cảnh báo lên trung tâm, và không nhận yêu cầu trích xuất mới. Ghi hình tại trạm không bị ảnh hưởng. Muốn kết nối lại cần tệp thông tin kết nối của trung tâm. Việc ngắt được ghi vào nhật ký hệ thống.',
  'district.disconnectPending': 'Còn {n} sự kiện chưa gửi lên trung tâm.',
  'district.disconnectConfirm': 'Ngắt kết nối',
  'district.disconnecting': 'Đang ngắt…',

  'district.requestsTitle': 'Yêu cầu trích xuất từ trung tâm',
  'district.requestsIntro':
    'Trung tâm đề nghị trạm trích xuất đoạn ghi hình. Không có dữ liệu nào rời trạm nếu chỉ huy trạm chưa đồng ý.',
  'district.requestsEmpty': 'Chưa có yêu cầu nào từ trung tâm.',
  'district.requestsLoadFailed': 'Không tải được danh sách yêu cầu.',
  'district.col.received': 'Nhận lúc',
  'district.col.from': 'Người yêu cầu',
  'district.col.what': 'Nội dung',
  'district.col.reason': 'Lý do',
  'district.col.status': 'Trạng thái',
  'district.incident': 'Vụ việc {code}',
  'district.range': '{from} → {to}',
  'district.cameras': 'Camera: {names}',
  'district.camerasAll': 'Camera: tất cả camera của vụ việc',
  'district.status.pending': 'Chờ duyệt',
  'district.status.approved': 'Đã đồng ý',
  'district.status.refused': 'Đã từ chối',
  'district.decidedBy': '{officer}, {time}',
  'district.refusedReason': 'Lý do: {reason}',
  'district.approve': 'Đồng ý',
  'district.refuse': 'Từ chối',
  'district.waitCommander': 'Chờ chỉ huy duyệt',
  'district.approveTitle': 'Đồng ý trích xuất cho trung tâm',
  'district.approveText':
    'Trạm sẽ trích xuất đoạn ghi hình này và gửi gói dữ liệu cho trung tâm ({from}). Việc đồng ý được ghi vào nhật ký hệ thống và báo lên trung tâm.',
  'district.refuseTitle': 'Từ chối yêu cầu trích xuất',
  'district.refuseText':
    'Trung tâm sẽ nhận được lý do từ chối. Việc từ chối được ghi vào nhật ký hệ thống.',
  'district.refuseReason': 'Lý do từ chối',
  'district.refuseReasonPlaceholder': 'Ví dụ: đoạn ghi hình thuộc vụ việc đang giữ bí mật điều tra',
  'district.refuseReasonRequired': 'Nhập lý do từ chối để trung tâm biết.',
  'district.confirmApprove': 'Đồng ý trích xuất',
  'district.confirmRefuse': 'Từ chối yêu cầu',
  'district.deciding': 'Đang gửi…',
  'error.conflict.already_decided':
    'Yêu cầu này đã được trả lời (có thể từ máy khác). Danh sách đã được tải lại.',
  'error.conflict.request_being_decided':
    'Yêu cầu này đang được trả lời ở máy khác. Chờ giây lát rồi xem lại danh sách.',
  'error.not_found.incident_not_found':
    'Trạm không có vụ việc mang mã trung tâm nêu. Kiểm tra mã trong Sổ vụ việc, hoặc từ chối và ghi rõ lý do.',
  'error.conflict.request_incomplete':
    'Yêu cầu thiếu khoảng thời gian hoặc camera nên không trích xuất được. Từ chối và đề nghị trung tâm gửi lại yêu cầu đầy đủ.',
  'toast.districtApproved': 'Đã đồng ý yêu cầu của trung tâm. Trạm đang trích xuất dữ liệu.',
  'toast.districtRefused': 'Đã từ chối yêu cầu của trung tâm.',

  'district.statusItem': 'Trung tâm: {state}',
  'district.bannerTitle': 'Trung tâm yêu cầu trích xuất',
  'district.bannerText': '{from}: {reason}',
  'district.bannerMore': 'Còn {n} yêu cầu khác.',
  'district.bannerOpen': 'Xem yêu cầu',
  'district.bannerHide': 'Ẩn thông báo (yêu cầu vẫn chờ trong danh sách)',
};
