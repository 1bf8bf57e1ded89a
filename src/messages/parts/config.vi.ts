// Tiếng Việt của phần config trong danh mục (xem ../parts.ts): cùng các khóa với config.en.ts.
// Mỗi thông điệp là một lỗi của tệp cấu hình, in sau vị trí và trường ("TỆP:DÒNG:CỘT portals[0].url …").
import type { ViPart } from '../types.ts';
import type { configEn } from './config.en.ts';

export const configVi: ViPart<typeof configEn> = {
  // Vị trí khi lỗi thuộc cả tài liệu chứ không thuộc một trường; bí mật không bao giờ được in lại.
  'config.path.topLevel': '(cấp ngoài cùng)',
  'config.value.hidden': '[đã ẩn]',

  // Chính tệp: không có, không đọc được, không phải UTF-8, sai cú pháp YAML, số ngoài phạm vi, ${ENV} chưa đặt.
  'config.file.missing': 'tệp không tồn tại. Cách sửa: dùng --config với đường dẫn tệp cấu hình của bạn (xem config/sandbox.yaml)',
  'config.file.unreadable': 'không đọc được ({{reason}})',
  'config.file.notUtf8': '{{at}} không phải là UTF-8 hợp lệ (các byte {{bytes}} tại byte {{offset}}). Cách sửa: lưu tệp dưới dạng UTF-8 (trình soạn thảo dùng Windows-1258 hay Latin-1 biến chữ tiếng Việt thành những byte như vậy), rồi kiểm tra lại chữ trên dòng đó',
  'config.file.yamlSyntax': '{{at}}: lỗi cú pháp YAML: {{reason}}',
  'config.file.aliasBomb': '{{at}} bí danh YAML (*tên) bung ra quá lớn: {{reason}} (dùng bí danh quá {{max}} lần). Cách sửa: viết thẳng các giá trị thay vì lồng bí danh vào nhau',
  'config.file.notANumber': '{{at}} {{path}} là {{written}}, nằm ngoài phạm vi: không phải là một số. Cách sửa: viết một số trong phạm vi thiết lập này cho phép',
  'config.file.tooLarge': '{{at}} {{path}} là {{written}}, nằm ngoài phạm vi: lớn hơn mọi số có thể biểu diễn. Cách sửa: viết một số trong phạm vi thiết lập này cho phép',
  'config.file.tooSmall': '{{at}} {{path}} là {{written}}, nằm ngoài phạm vi: nhỏ hơn mọi số có thể biểu diễn. Cách sửa: viết một số trong phạm vi thiết lập này cho phép',
  'config.file.envUnset': 'dùng biến môi trường {{name}}, nhưng biến này chưa được đặt. Cách sửa: export {{name}}=… hoặc viết {{withDefault}}',

  // Lỗi chung mà lược đồ tìm thấy: khóa lạ, giá trị thiếu hoặc sai kiểu, giá trị ngoài các giá trị được phép.
  'config.issue.unknownKey_other': 'là khóa không được hỗ trợ: {{keys}}. Cách sửa: xóa đi hoặc sửa lại cho đúng chính tả',
  'config.issue.required': 'là bắt buộc nhưng đang thiếu. Cách sửa: thêm vào (cần {{expected}})',
  'config.issue.wrongType': 'là {{value}}, trong khi cần {{expected}}. Cách sửa: viết {{expected}}',
  'config.issue.notAllowed': 'là {{value}}. Cách sửa: dùng một trong các giá trị {{values}}',
  'config.issue.missingNotAllowed': 'đang thiếu. Cách sửa: thêm vào với một trong các giá trị {{values}}',
  'config.issue.badKey': ': khóa {{key}} {{problem}}',
  'config.issue.keyNotAllowed': 'không được phép',
  'config.issue.noForm': 'là {{value}}, không khớp với dạng nào được phép. Cách sửa: kiểm tra "kind" và các khóa mà loại đó nhận',
  'config.issue.outOfBounds': 'là {{value}}: {{bound}}. Cách sửa: đổi giá trị cho phù hợp',
  'config.issue.rule': 'là {{value}}: {{rule}}',
  'config.issue.other': 'là {{value}}: không hợp lệ ({{detail}})',
  'config.issue.otherNoValue': 'không hợp lệ ({{detail}})',

  // Kiểu mà giá trị cần có, nêu trong config.issue.required và config.issue.wrongType.
  'config.type.string': 'một chuỗi văn bản',
  'config.type.number': 'một số',
  'config.type.int': 'một số nguyên',
  'config.type.boolean': 'true hoặc false',
  'config.type.array': 'một danh sách',
  'config.type.object': 'một đối tượng (các cặp khóa: giá trị)',
  'config.type.record': 'một đối tượng (các cặp khóa: giá trị)',

  // Giới hạn mà một số hay một danh sách vượt ra ngoài (config.issue.outOfBounds).
  'config.bound.atLeast': 'phải từ {{limit}} trở lên',
  'config.bound.above': 'phải lớn hơn {{limit}}',
  'config.bound.atMost': 'phải không quá {{limit}}',
  'config.bound.below': 'phải nhỏ hơn {{limit}}',
  'config.bound.itemsAtLeast': 'phải có ít nhất {{limit}} phần tử',
  'config.bound.itemsAtMost': 'phải có nhiều nhất {{limit}} phần tử',
  'config.bound.itemsExactly': 'phải có đúng {{limit}} phần tử',
  'config.bound.charactersAtLeast': 'phải có ít nhất {{limit}} ký tự',
  'config.bound.charactersAtMost': 'phải có nhiều nhất {{limit}} ký tự',
  'config.bound.charactersExactly': 'phải có đúng {{limit}} ký tự',

  // Các quy tắc riêng của lược đồ (src/config/schema.ts), nói về giá trị.
  'config.rule.httpUrl': 'không phải là địa chỉ http(s). Cách sửa: viết địa chỉ đầy đủ bắt đầu bằng https:// (http:// chỉ dùng cho môi trường thử nghiệm trên máy)',
  'config.rule.urlTemplate': 'không phải là địa chỉ http(s). Cách sửa: viết địa chỉ đầy đủ bắt đầu bằng https://; {period}, {YYYY}, {MM}, {from}, {to} thay cho tháng được thu thập',
  'config.rule.id': 'không phải là mã định danh hợp lệ. Cách sửa: dùng chữ thường, chữ số và dấu gạch ngang, ví dụ "dvc-hanoi"',
  'config.rule.date': 'không phải là một ngày. Cách sửa: viết theo dạng YYYY-MM-DD',
  'config.rule.month': 'không phải là một tháng. Cách sửa: viết theo dạng YYYY-MM, ví dụ 2026-10',
  'config.rule.instant': 'không phải là ngày giờ kèm múi giờ. Cách sửa: viết như 2026-11-20T22:00:00+07:00',
  'config.rule.agencyCode': 'không phải là mã cơ quan hợp lệ. Cách sửa: dùng một tiền tố và một mã, ví dụ "xa:00004" hoặc "bo:BCT"',
  'config.rule.condition': 'không phải là một điều kiện: {{reason}}',
  'config.rule.urlPattern': 'không phải là biểu thức chính quy ({{reason}}). Cách sửa: viết một biểu thức chính quy JavaScript, được so với đường dẫn và chuỗi truy vấn, ví dụ "^/tin-tuc/" hoặc "\\?in=1$"',
  'config.rule.certificatePin': 'không phải là mã ghim chứng thư số. Cách sửa: ghi SHA-256 dạng base64 của khóa công khai trong chứng thư (44 ký tự, kết thúc bằng "="), như lệnh `openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64` in ra',
  'config.rule.publicAddress': 'cần một địa chỉ kèm số cổng mạng, "127.0.0.1:8730" hoặc "[::1]:8730"',
  'config.rule.recheckPeriod': 'cần một khoảng thời gian như "7d" (ngày) hoặc "36h" (giờ), hoặc "0" để lần nào cũng kiểm tra đầy đủ mọi trang',
  'config.rule.metricName': 'không phải là tên chỉ số chuẩn. Cách sửa: viết các từ chữ thường nối bằng dấu chấm theo DOMAIN.md, ví dụ "dossiers.received_online"',
  'config.rule.jsonPath': 'không phải là đường dẫn JSON. Cách sửa: viết các khóa cách nhau bằng dấu chấm, [n] cho một phần tử của danh sách, [*] cho mọi phần tử: "received.total", "components[*].status"',
  'config.rule.cssSelector': 'không phải là bộ chọn CSS. Cách sửa: viết như trong một tệp CSS, ví dụ "#bang-thong-ke" hoặc "table.thong-ke tbody tr"',
  'config.rule.envName': 'không phải là tên một biến môi trường. Cách sửa: viết TÊN của biến chứa bí mật (ví dụ IGATE_CLIENT_SECRET), không bao giờ viết chính bí mật đó',
  'config.rule.mapsNothing': 'không ánh xạ mục nào. Cách sửa: ánh xạ ít nhất một mục, ví dụ {{example}}',
  'config.rule.agencyLookup': 'không cho biết mỗi dòng thuộc cơ quan nào. Cách sửa: ánh xạ các giá trị của cột cơ quan trong "agencies", hoặc đặt "agencyLevel" khi cột chứa mã đơn vị trên cổng',
  'config.rule.apiPath': 'không phải là đường dẫn API. Cách sửa: bắt đầu bằng "/", ví dụ /pa/dossier-statistic/by-agency',
  'config.rule.selectorsOrTable': 'cần đúng một trong hai "selectors" và "table". Cách sửa: ánh xạ các bộ chọn CSS sang chỉ số, hoặc mô tả bảng',
  'config.rule.waitForBrowserOnly': 'chỉ có tác dụng khi render: browser. Cách sửa: xóa đi, hoặc đặt render: browser',
  'config.rule.pageAgencyRequired': 'là bắt buộc: trang nói về một cơ quan. Cách sửa: viết mã của cơ quan đó trong danh mục, ví dụ agency: "tinh:01"',
  'config.rule.valueColumnRequired': 'là bắt buộc khi metricsIn: rows. Cách sửa: viết tiêu đề của cột chứa giá trị, ví dụ "Tháng {MM}/{YYYY}"',
  'config.rule.agencyColumnRequired': 'là bắt buộc khi metricsIn: columns. Cách sửa: viết tiêu đề của cột ghi tên cơ quan, ví dụ "Đơn vị"',
  'config.rule.statusFieldsEmpty': 'đang trống nên sẽ không đọc được gì. Cách sửa: ánh xạ các đường dẫn JSON sang chỉ số, ví dụ { path: status, metric: status.indicator, map: { ok: 0, degraded: 1 } }',
  'config.rule.redisUrl': 'không phải là địa chỉ Redis. Cách sửa: viết redis://host:6379 (rediss:// khi dùng TLS), có thể kèm số cơ sở dữ liệu: redis://host:6379/0',
  'config.rule.email': 'không phải là địa chỉ thư điện tử. Cách sửa: viết name@example.gov.vn',
  'config.rule.contactEmail': 'không phải là địa chỉ thư điện tử. Cách sửa: viết theo dạng name@example.gov.vn',
  'config.rule.phone': 'không phải là số điện thoại. Cách sửa: viết chữ số, dấu cách, dấu chấm hoặc dấu gạch ngang, ví dụ 024 3825 1234',
  'config.rule.hostName': 'không phải là tên máy chủ. Cách sửa: viết tên (và số cổng mạng) dùng để mở bảng điều khiển, ví dụ dvc-monitor.example.gov.vn hoặc dvc-monitor.example.gov.vn:8443, không kèm https:// hay đường dẫn',
  'config.rule.cron': 'không phải là biểu thức cron. Cách sửa: năm trường "phút giờ ngày tháng thứ", ví dụ "0 2 * * *" cho 02:00 mỗi đêm',
  'config.rule.oneUrl': 'cần đúng một trong hai "url" hoặc "urlEnv". Cách sửa: đặt địa chỉ có bí mật trong một biến môi trường và ghi tên biến đó ở urlEnv',
  'config.rule.zaloTokenFile': 'không phải là đường dẫn tuyệt đối. Cách sửa: viết đường dẫn đầy đủ của tệp chứa mã truy cập OA, ví dụ /etc/dvc-monitor/zalo-token',
  'config.rule.zaloUserId': 'không phải là user_id Zalo. Cách sửa: viết user_id của người theo dõi như OA thấy (chữ số), đặt trong dấu ngoặc kép',
  'config.rule.zaloToken': 'cần đúng một trong hai "tokenEnv" hoặc "tokenFile". Cách sửa: ghi tên biến môi trường chứa mã truy cập OA, hoặc tệp mà trình làm mới mã truy cập lưu nó',

  // Các tham chiếu lược đồ không thấy được (crossCheck trong src/config/load.ts).
  'config.check.duplicateAgency': '{{value}} là mã cơ quan bị trùng. Cách sửa: đặt cho mỗi cơ quan một mã riêng',
  'config.check.duplicateBuiltInAgency': '{{value}} là mã cơ quan bị trùng (đã có trong danh mục cơ quan sẵn có). Cách sửa: đặt cho mỗi cơ quan một mã riêng',
  'config.check.duplicatePortal': '{{value}} là mã cổng bị trùng. Cách sửa: đặt cho mỗi cổng một mã riêng',
  'config.check.duplicateSource': '{{value}} là mã nguồn bị trùng. Cách sửa: đặt cho mỗi nguồn một mã riêng',
  'config.check.duplicateChannel': '{{value}} là mã kênh thông báo bị trùng. Cách sửa: đặt cho mỗi kênh một mã riêng',
  'config.check.unknownAgencyLink': '{{value}} không phải là mã cơ quan đã biết. Cách sửa: dùng một mã trong danh mục hoặc trong "agencies"',
  'config.check.unknownAgency': '{{value}} không phải là mã cơ quan đã biết. Cách sửa: dùng một mã như "tinh:01", "bo:BCT" hoặc "VN", hoặc thêm cơ quan đó vào "agencies"',
  'config.check.unknownTargetAgency': '{{value}} không phải là mã cơ quan đã biết. Cách sửa: dùng một mã trong danh mục',
};
