export const viAuth = {
  'error.unauthenticated': 'Phiên đăng nhập đã hết. Đăng nhập lại để tiếp tục.',
  'error.locked': 'Màn hình đang khóa. Nhập mật khẩu để mở khóa rồi thử lại.',
  'error.forbidden.bad_password':
    'Mật khẩu không đúng. Kiểm tra lại (chú ý chữ hoa, bộ gõ tiếng Việt).',
  'error.forbidden.inactive':
    'Tài khoản này đã ngừng hoạt động. Liên hệ chỉ huy để được kích hoạt lại.',
  'error.forbidden.too_many_attempts':
    'Nhập sai mật khẩu quá nhiều lần. Thử lại sau {retryAfterSec} giây.',
  'error.unauthenticated.session_expired': 'Phiên đăng nhập đã hết. Đăng nhập lại để tiếp tục.',
  'error.conflict.setup_done': 'Trạm đã có tài khoản quản trị. Tải lại trang để đăng nhập.',

  'field.password_too_short': 'Mật khẩu cần ít nhất 8 ký tự',
  'field.password_too_long': 'Mật khẩu tối đa 128 ký tự',
  'field.password_spaces': 'Mật khẩu không được bắt đầu hoặc kết thúc bằng dấu cách',
  'field.password_mismatch': 'Hai lần nhập mật khẩu không khớp',
  'field.password_unchanged': 'Mật khẩu mới phải khác mật khẩu hiện tại',
  'field.bad_password': 'Mật khẩu hiện tại không đúng',

  'auth.kicker': 'Phòng trực ban',
  'auth.stationFallback': 'Công an phường',
  'auth.offlineNote':
    'Phần mềm chạy trên máy trạm, không cần Internet. Mọi thao tác đều được ghi vào nhật ký hệ thống.',
  'auth.unreachable':
    'Không kết nối được với dịch vụ nền của phần mềm. Kiểm tra phần mềm còn chạy rồi thử lại.',

  'setup.title': 'Thiết lập lần đầu',
  'setup.lead':
    'Trạm chưa có tài khoản nào. Tạo tài khoản quản trị (chỉ huy) — tài khoản này quản lý cán bộ, cài đặt trạm và xem nhật ký hệ thống.',
  'setup.note':
    'Ghi nhớ mật khẩu: không ai xem được mật khẩu, kể cả người quản trị. Sau khi tạo, bạn được đăng nhập và ca trực bắt đầu.',
  'setup.stationName': 'Tên đơn vị',
  'setup.stationNamePlaceholder': 'Ví dụ: Công an phường Bến Nghé',
  'setup.stationNameHint': 'In ở mục “Đơn vị” của biên bản trích xuất và biên bản bàn giao ca.',
  'setup.submit': 'Tạo tài khoản và đăng nhập',
  'setup.creating': 'Đang tạo tài khoản…',

  'signIn.title': 'Đăng nhập ca trực',
  'signIn.officer': 'Chọn cán bộ',
  'signIn.noOfficers':
    'Không có tài khoản cán bộ nào đang hoạt động. Liên hệ chỉ huy để được cấp tài khoản.',
  'signIn.passwordFor': 'Mật khẩu của {officer}',
  'signIn.chooseOfficer': 'Chọn tên của bạn trong danh sách cán bộ.',
  'signIn.passwordRequired': 'Nhập mật khẩu.',
  'signIn.submit': 'Đăng nhập',
  'signIn.signingIn': 'Đang đăng nhập…',
  'signIn.shiftHint':
    'Cán bộ trực ban đăng nhập là bắt đầu ca trực; nếu cán bộ khác còn trong ca, ca đó kết thúc và chờ bàn giao. Chỉ huy đăng nhập khi đang có ca trực thì chỉ giám sát, không nhận ca.',
  'signIn.pendingTitle': 'Có {n} biên bản bàn giao ca đang chờ nhận',
  'signIn.pendingItem': 'Ca của {officer}: {range}',
  'signIn.pendingHint': 'Cán bộ nhận ca đăng nhập để đọc biên bản và xác nhận nhận ca.',
  'signIn.notice.shiftEnded':
    'Đã kết thúc ca trực. Biên bản bàn giao đang chờ cán bộ ca sau xác nhận.',
  'signIn.notice.sessionExpired': 'Phiên đăng nhập đã kết thúc. Đăng nhập lại để tiếp tục.',
  'signIn.notice.signedOut': 'Đã đăng xuất. Ca trực chưa được bàn giao.',

  'lock.title': 'Màn hình đã khóa',
  'lock.sub': 'Camera vẫn đang hiển thị và ghi hình bình thường.',
  'lock.shiftSince': 'Trong ca từ {time}',
  'lock.password': 'Mật khẩu để mở khóa',
  'lock.unlock': 'Mở khóa',
  'lock.unlocking': 'Đang mở khóa…',
  'lock.switchOfficer': 'Đăng nhập cán bộ khác',
  'lock.switchExplain':
    'Thoát về màn hình đăng nhập. Ca trực hiện tại chưa được bàn giao: khi cán bộ khác đăng nhập, ca này sẽ kết thúc và biên bản chờ người nhận xác nhận.',
  'lock.switchConfirm': 'Thoát về màn hình đăng nhập',

  'user.shiftSince': 'Ca trực từ {time}',
  'user.supervising': 'Giám sát, không nhận ca',
  'user.lock': 'Khóa màn hình',
  'user.changePassword': 'Đổi mật khẩu',
  'user.endShift': 'Kết thúc ca, bàn giao',
  'user.handovers': 'Lịch sử bàn giao ca',
  'user.officers': 'Quản lý cán bộ',
  'user.audit': 'Nhật ký hệ thống',
  'user.signOut': 'Đăng xuất',

  'signOut.title': 'Đăng xuất?',
  'signOut.text':
    'Đăng xuất không kết thúc ca trực. Nếu hết ca, chọn “Kết thúc ca, bàn giao” để lập biên bản cho cán bộ ca sau.',
  'signOut.confirm': 'Đăng xuất',

  'password.title': 'Đổi mật khẩu',
  'password.current': 'Mật khẩu hiện tại',
  'password.new': 'Mật khẩu mới',
  'password.submit': 'Đổi mật khẩu',

  'toast.passwordChanged': 'Đã đổi mật khẩu',
};
