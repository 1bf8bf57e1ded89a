// Tiếng Việt của phần a11y trong danh mục (xem ../parts.ts): cùng các khóa với a11y.en.ts.
import type { ViPart } from '../types.ts';
import type { a11yEn } from './a11y.en.ts';

export const a11yVi: ViPart<typeof a11yEn> = {
  // Naming an element inside a finding: its frame when it is not the top document.
  'a11y.element.inFrame': ' trong khung {{frame}}',
  'a11y.element.frameParen': ' (khung {{frame}})',
  'a11y.element.frameWithUrl': ' (trong khung {{frame}}: {{url}})',

  // axe-core's results, one finding per element (axe-rules.ts).
  'a11y.axe.impact.critical': 'nghiêm trọng',
  'a11y.axe.impact.serious': 'cao',
  'a11y.axe.impact.moderate': 'trung bình',
  'a11y.axe.impact.minor': 'thấp',
  'a11y.axe.violation.rule': 'Lỗi axe "{{rule}}" (WCAG {{wcag}}, mức {{impact}}): {{help}}.',
  'a11y.axe.violation.element': 'Lỗi axe "{{rule}}" (WCAG {{wcag}}, mức {{impact}}): {{help}} — {{selector}}{{frame}}{{doubt}}{{more}}.',
  'a11y.axe.incomplete.rule': 'Cần người kiểm tra axe "{{rule}}" (WCAG {{wcag}}, mức {{impact}}): {{help}}.',
  'a11y.axe.incomplete.element': 'Cần người kiểm tra axe "{{rule}}" (WCAG {{wcag}}, mức {{impact}}): {{help}} — {{selector}}{{frame}}{{doubt}}{{more}}.',
  'a11y.axe.doubt': ': axe báo lỗi nhưng {{why}}',
  'a11y.axe.more': ' (và {{more}} phần tử khác)',
  'a11y.axe.notRun': 'axe-core không chạy trên trang này.',
  'a11y.axe.failed': 'axe-core lỗi: {{error}}',

  // Why a second look doubts an axe violation (axe-second-look.ts).
  'a11y.axeDoubt.icon_font': 'chữ hiển thị được vẽ bằng phông biểu tượng, nhãn nhìn thấy không phải là chữ đó',
  'a11y.axeDoubt.written_differently': 'tên truy cập và nhãn nhìn thấy chỉ khác nhau ở cách viết (dấu gạch, dấu chấm, chữ viết tắt)',
  'a11y.axeDoubt.inert': 'khung đang bị vô hiệu (inert) vì một hộp thoại đang mở',

  // Text contrast.
  'a11y.contrast.title': 'Độ tương phản màu chữ và màu nền đủ',
  'a11y.contrast.description': 'Chữ có độ tương phản với nền tối thiểu 4,5:1 (3:1 với chữ lớn).',
  'a11y.contrast.advice': 'Đổi màu chữ hoặc màu nền để đạt tỷ lệ tương phản tối thiểu 4,5:1 (3:1 với chữ từ 24px, hoặc 18,66px đậm).',

  // Form labels.
  'a11y.formLabels.title': 'Trường biểu mẫu và nút có nhãn',
  'a11y.formLabels.description': 'Mỗi ô nhập, ô chọn và nút có nhãn mà trình đọc màn hình đọc được.',
  'a11y.formLabels.advice': 'Gắn nhãn <label for> cho từng ô nhập và ô chọn (hoặc aria-label/aria-labelledby); nút cần chữ hoặc tên dễ hiểu.',

  // Text alternatives.
  'a11y.textAlternatives.title': 'Hình ảnh có văn bản thay thế',
  'a11y.textAlternatives.description': 'Mọi hình ảnh, nút hình ảnh và đối tượng không phải chữ có văn bản thay thế cho người dùng trình đọc màn hình.',
  'a11y.textAlternatives.advice': 'Thêm thuộc tính alt mô tả nội dung cho mỗi hình có ý nghĩa (alt="" cho hình trang trí); nút hình ảnh và đối tượng nhúng cần tên dễ hiểu; video cần phụ đề.',

  // Accessibility statement.
  'a11y.statement.title': 'Có tuyên bố về khả năng tiếp cận',
  'a11y.statement.description': 'Trang chủ có liên kết tới tuyên bố về khả năng tiếp cận (mức đáp ứng, hạn chế, nơi phản ánh) và trang đó mở được.',
  'a11y.statement.noLink': 'Trang chủ không có liên kết tới tuyên bố về khả năng tiếp cận.',
  'a11y.statement.notVisited': 'Có liên kết "{{link}}" nhưng chưa mở trang.',
  'a11y.statement.brokenLink': 'Liên kết "{{link}}" dẫn tới trang lỗi.',
  'a11y.statement.visitFailed': 'Không mở được trang: {{reason}}.',
  'a11y.statement.found': 'Tuyên bố: "{{link}}" — {{url}}',

  // Headings.
  'a11y.headings.title': 'Tiêu đề mục có ý nghĩa',
  'a11y.headings.description': 'Trang có tiêu đề mục (h1–h6) và không tiêu đề mục nào rỗng.',
  'a11y.headings.advice': 'Mỗi tiêu đề mục phải có chữ (hoặc hình có alt); dùng h1–h6 theo cấu trúc nội dung.',
  'a11y.headings.none': 'Khuyến nghị: trang không có tiêu đề mục nào (h1–h6); tiêu đề giúp người dùng trình đọc màn hình nắm cấu trúc trang.',

  // Data tables.
  'a11y.tables.title': 'Bảng số liệu có tiêu đề hàng, cột',
  'a11y.tables.description': 'Bảng chứa số liệu dùng ô tiêu đề (th) để trình đọc màn hình đọc được ý nghĩa từng ô.',
  'a11y.tables.advice': 'Dùng <th> (với scope="col"/"row") cho ô tiêu đề của bảng số liệu; bảng dùng để dàn trang thì thêm role="presentation".',
  'a11y.tables.noHeaders': 'Bảng số liệu thứ {{table}} ({{rows}} hàng, {{numeric}} ô số) không có ô tiêu đề (th).',

  // Page language, and the language of the text (language-match.ts).
  'a11y.language.title': 'Khai báo ngôn ngữ của trang',
  'a11y.language.description': 'Thẻ <html> khai báo ngôn ngữ hợp lệ (lang="vi"), đúng ngôn ngữ của nội dung; đoạn tiếng nước ngoài được đánh dấu.',
  'a11y.language.advice': 'Khai báo <html lang="vi"> (đúng ngôn ngữ chính của trang); đánh dấu đoạn tiếng nước ngoài bằng thuộc tính lang riêng.',
  'a11y.language.missing': 'Thẻ <html> không có thuộc tính lang.',
  'a11y.language.notJudged': 'Chưa đủ văn bản để xác định ngôn ngữ của trang ({{judged}} chữ cái nhận dạng được, cần {{needed}}).',
  'a11y.language.noModel': 'Trang khai báo lang="{{declared}}", công cụ nhận dạng không có mô hình cho ngôn ngữ này; văn bản được nhận dạng là {{detected}}. Cần người kiểm tra.',
  'a11y.language.mismatch': 'Trang khai báo lang="{{declared}}" nhưng văn bản của trang là {{detected}} ({{letters}} chữ cái; nhận dạng bằng {{detector}}).',
  'a11y.language.unsure': 'Trang khai báo lang="{{declared}}"; văn bản được nhận dạng là {{detected}}, không đủ chắc chắn để kết luận.',
  'a11y.language.partUnmarked': 'Đoạn văn {{selector}} có vẻ là tiếng "{{tag}}" ({{scores}}) nhưng không có thuộc tính lang riêng: "{{excerpt}}…". Cần người kiểm tra (tên riêng, thuật ngữ không cần đánh dấu).',

  // Other WCAG rules of axe-core.
  'a11y.otherWcag.title': 'Các tiêu chí WCAG 2.1 A/AA khác (axe-core)',
  'a11y.otherWcag.description': 'Các quy tắc WCAG 2.1 mức A và AA còn lại của axe-core không phát hiện vi phạm.',
  'a11y.otherWcag.advice': 'Sửa từng phần tử theo hướng dẫn của quy tắc axe tương ứng (liên kết helpUrl trong bằng chứng).',

  // Best-practice advice.
  'a11y.bestPractice.title': 'Khuyến nghị thực hành tốt (không tính điểm)',
  'a11y.bestPractice.description': 'Các quy tắc thực hành tốt, thử nghiệm và mức AAA của axe-core: ghi nhận để cải thiện, không phải lỗi theo WCAG 2.1 A/AA.',
  'a11y.bestPractice.advice': 'Xem từng khuyến nghị và hướng dẫn axe kèm theo.',
  'a11y.bestPractice.none': 'Không có khuyến nghị.',

  // The keyboard probe, shared by the keyboard criteria (keyboard-common.ts).
  'a11y.keyboard.probeFailed': 'Lỗi công cụ khi thử bàn phím: {{message}}',
  'a11y.keyboard.notRun': 'Chưa thử bàn phím trên trang này.',

  // 2.1.1 Keyboard: everything reachable with Tab.
  'a11y.keyboard.title': 'Mọi phần tử tương tác tới được bằng phím Tab',
  'a11y.keyboard.description': 'Đi hết một vòng phím Tab trên trang thì gặp mọi phần tử bấm được (liên kết, nút, trường, phần tử có bộ xử lý nhấp chuột).',
  'a11y.keyboard.advice': 'Cho mọi phần tử tương tác nhận tiêu điểm (dùng phần tử gốc như <button>, <a href> hoặc tabindex="0" kèm xử lý phím), giữ viền tiêu điểm rõ ràng (:focus-visible), không giữ tiêu điểm lại bằng mã lệnh.',
  'a11y.keyboard.reason.native': 'phần tử điều khiển',
  'a11y.keyboard.reason.role': 'có vai trò tương tác (role)',
  'a11y.keyboard.reason.onclick': 'có thuộc tính onclick',
  'a11y.keyboard.reason.listener': 'có con trỏ bàn tay và bộ xử lý nhấp chuột',
  'a11y.keyboard.unreachable': 'Không tới được bằng phím Tab: {{element}} ({{why}}), dù đã đi hết một vòng Tab ({{stops}} điểm dừng). Cách sửa: dùng <button> hoặc <a href> thật, hoặc thêm tabindex="0", role phù hợp và xử lý phím Enter/Space.',
  'a11y.keyboard.walkIncomplete': 'Chưa kết luận được: vòng phím Tab không đi hết ({{end}}; {{stops}} điểm dừng, {{presses}} lần bấm, {{ms}} ms). {{trapped}}Cần người kiểm tra bằng bàn phím các phần tử còn lại ({{interactive}} phần tử tương tác).',
  'a11y.keyboard.walkIncomplete.trapped': 'Tiêu điểm bị bẫy (xem tiêu chí không bẫy bàn phím). ',
  'a11y.keyboard.noStops': 'Phím Tab không dừng ở phần tử nào, dù trang có {{interactive}} phần tử tương tác.',
  'a11y.keyboard.ok': 'Một vòng phím Tab đủ {{stops}} điểm dừng, tới được mọi phần tử tương tác ({{interactive}}).',
  // How a Tab walk ended before it came round (the evidence's code; English keeps the probe's own sentence).
  'a11y.keyboard.walkEnd.cycle': 'đã quay lại điểm dừng đầu tiên',
  'a11y.keyboard.walkEnd.no_focus': 'không phần tử nào nhận tiêu điểm',
  'a11y.keyboard.walkEnd.stuck': 'tiêu điểm không đi tiếp được',
  'a11y.keyboard.walkEnd.loop': 'tiêu điểm quay vòng trong một nhóm nhỏ',
  'a11y.keyboard.walkEnd.sample': 'đã tới giới hạn số điểm dừng trước khi đi hết vòng',
  'a11y.keyboard.walkEnd.presses': 'đã tới giới hạn số lần bấm',
  'a11y.keyboard.walkEnd.time': 'đã hết thời gian cho phép',

  // 2.1.2 No keyboard trap.
  'a11y.trap.title': 'Không có bẫy bàn phím',
  'a11y.trap.description': 'Tiêu điểm vào được phần tử nào bằng bàn phím thì cũng rời được phần tử đó bằng phím Tab hoặc Shift+Tab.',
  'a11y.trap.advice': 'Không đưa tiêu điểm trở lại bằng mã lệnh (blur/focus, hẹn giờ, chặn phím Tab); hộp thoại phải đóng được bằng phím Esc và trả tiêu điểm về chỗ cũ.',
  'a11y.trap.stuckWhy.escaped_backward': 'Tab không đi tiếp được nhưng Shift+Tab thoát ra',
  'a11y.trap.stuckWhy.modal_dialog': 'tiêu điểm quay vòng trong một hộp thoại (cần thử phím Esc)',
  'a11y.trap.stuckWhy.nothing_outside': 'không còn phần tử nào khác nhận tiêu điểm',
  'a11y.trap.stuckWhy.opaque_frame': 'tiêu điểm ở trong một khung không đọc được',
  'a11y.trap.stuckWhy.not_confirmed': 'chưa thử đủ chiều ngược lại trong thời gian cho phép',
  'a11y.trap.group': ' (nhóm {{size}} phần tử)',
  'a11y.trap.revealedBy': ' sau khi chọn {{element}}',
  'a11y.trap.exitAnnounced': 'Tab và Shift+Tab không rời được {{held}}, nhưng trang hướng dẫn cách thoát ("{{announced}}"){{revealed}} và tổ hợp phím {{keys}} đưa được tiêu điểm ra ngoài.',
  'a11y.trap.exitUntested': 'Cần người kiểm tra: Tab và Shift+Tab không rời được {{held}}; trang hướng dẫn cách thoát ("{{announced}}") nhưng chưa thử được tổ hợp phím đó.',
  'a11y.trap.exitFailed': ' Trang hướng dẫn "{{announced}}", nhưng {{keys}} không đưa tiêu điểm ra ngoài.',
  'a11y.trap.trap': 'Bẫy bàn phím: tiêu điểm kẹt tại {{element}}{{group}}: {{forward}} lần Tab và {{backward}} lần Shift+Tab đều không rời được.{{told}} Cách sửa: không chặn phím Tab (preventDefault) và không đưa tiêu điểm trở lại bằng bộ hẹn giờ hay sự kiện blur.',
  'a11y.trap.stuck': 'Cần người kiểm tra: tiêu điểm dừng lại tại {{element}}: {{why}}.',
  'a11y.trap.noStops': 'Phím Tab không dừng ở phần tử nào, dù trang có {{interactive}} phần tử tương tác: không thử được bẫy bàn phím.',
  'a11y.trap.partial': 'Không thấy bẫy ở {{stops}} điểm dừng Tab đầu tiên, nhưng vòng Tab chưa đi hết ({{end}}): phần còn lại cần người kiểm tra.',
  'a11y.trap.none': 'Một vòng phím Tab đủ {{stops}} điểm dừng, tiêu điểm luôn đi tiếp.',

  // 2.4.7 Focus visible.
  'a11y.focus.title': 'Thấy rõ phần tử đang nhận tiêu điểm',
  'a11y.focus.description': 'Khi một phần tử nhận tiêu điểm bàn phím, hình ảnh quanh nó thay đổi rõ (viền, bóng, màu nền).',
  'a11y.focus.advice': 'Giữ viền tiêu điểm rõ (outline hoặc box-shadow có độ tương phản tối thiểu 3:1, qua :focus-visible); không đặt outline: none mà không có dấu hiệu thay thế.',
  'a11y.focus.noStops': 'Phím Tab không dừng ở phần tử nào (trang có {{interactive}} phần tử tương tác): không thử được dấu hiệu tiêu điểm.',
  'a11y.focus.none': 'Không thấy dấu hiệu tiêu điểm trên {{element}}: vùng quanh phần tử ({{width}}×{{height}} điểm ảnh) không đổi điểm ảnh nào khi nhận tiêu điểm. Cách sửa: thêm :focus-visible { outline: 2px solid … } tương phản ít nhất 3:1, đừng dùng outline: none mà không có dấu hiệu khác.',
  'a11y.focus.faint': 'Cần người xem: dấu hiệu tiêu điểm trên {{element}} nhỏ hoặc mờ ({{strong}}/{{required}} điểm ảnh tương phản ≥ 3:1, thay đổi {{changed}} điểm ảnh, tương phản lớn nhất {{contrast}}:1).',
  'a11y.focus.notMeasured': 'Không đo được dấu hiệu tiêu điểm trên {{element}} ({{why}}).',
  'a11y.focus.unstable': 'vùng quanh phần tử đang chuyển động',
  // Why a focus sample was not measured (the probe's code; an error message stays as it is).
  'a11y.focus.reason.frame_gone': 'khung chứa phần tử không còn',
  'a11y.focus.reason.gone': 'phần tử không còn trên trang',
  'a11y.focus.reason.no_box': 'phần tử không có vùng hiển thị',
  'a11y.focus.reason.off_screen': 'phần tử nằm ngoài màn hình',
  'a11y.focus.reason.focus_moved': 'tiêu điểm chuyển đi nơi khác',
  'a11y.focus.reason.focus_held': 'không lấy lại được tiêu điểm khỏi phần tử',
  'a11y.focus.sampled': '{{measured}} điểm dừng Tab đầu tiên đều có dấu hiệu tiêu điểm rõ; {{notSampled}} điểm dừng chưa đo{{incomplete}}: phần còn lại cần người kiểm tra.',
  'a11y.focus.sampled.incomplete': ' và vòng Tab chưa đi hết',
  'a11y.focus.ok': 'Cả {{measured}} điểm dừng Tab đều có dấu hiệu tiêu điểm rõ (đo trên điểm ảnh).',

  // 2.4.2 Page titled.
  'a11y.title.title': 'Trang có tiêu đề mô tả nội dung',
  'a11y.title.description': 'Mỗi trang có thẻ <title> không rỗng, mô tả chủ đề hoặc mục đích của trang (không phải "Untitled", địa chỉ hay tên tệp).',
  'a11y.title.advice': 'Đặt <title> theo mẫu "Tên trang – Tên cổng" (ví dụ "Nộp hồ sơ đăng ký khai sinh – Cổng Dịch vụ công Hà Nội").',
  'a11y.title.empty': 'Trang không có tiêu đề (thẻ <title> thiếu hoặc rỗng).',
  'a11y.title.kind.placeholder': 'là chữ giữ chỗ',
  'a11y.title.kind.url': 'chỉ là một địa chỉ',
  'a11y.title.kind.filename': 'chỉ là tên tệp',
  'a11y.title.placeholder': 'Tiêu đề trang "{{title}}" {{kind}}, không mô tả nội dung trang.',
  'a11y.title.generic': 'Tiêu đề "{{title}}" có thể dùng cho bất kỳ trang nào của cổng; cần người kiểm tra xem nó có mô tả trang {{url}} không.',

  // 2.4.2 across the portal: distinct titles.
  'a11y.titles.title': 'Mỗi trang có tiêu đề riêng',
  'a11y.titles.description': 'Các trang khác nhau của cổng có tiêu đề (<title>) khác nhau, để người dùng phân biệt các trang và các thẻ trình duyệt.',
  'a11y.titles.advice': 'Đưa tên của từng trang vào đầu <title> ("Nộp hồ sơ – Cổng Dịch vụ công …"), không dùng một tiêu đề chung cho mọi trang.',
  'a11y.titles.distinct': '{{pages}} trang, {{pages}} tiêu đề khác nhau.',
  'a11y.titles.sameOnPages': 'Tiêu đề "{{title}}" dùng cho {{pages}} trang có nội dung khác nhau (tiêu đề mục chính khác nhau): {{urls}}.',
  'a11y.titles.repeated': 'Tiêu đề "{{title}}" dùng cho {{pages}} trang: {{urls}}. Cần người kiểm tra xem tiêu đề có phân biệt được các trang không.',

  // 2.2.1, 2.2.2: no moving text, no timed refresh.
  'a11y.moving.title': 'Không có chữ chạy, chữ nhấp nháy hay tự làm mới trang',
  'a11y.moving.description': 'Trang không dùng chữ chạy (marquee), chữ nhấp nháy (blink) hay tự tải lại theo thời gian.',
  'a11y.moving.advice': 'Bỏ marquee/blink; chữ chuyển động quá 5 giây phải có nút dừng; không tự tải lại hay chuyển trang theo thời gian (dùng liên kết để người dùng tự chọn).',
  'a11y.moving.timedRefresh': 'Trang tự chuyển sang {{to}} sau {{delay}} giây (meta refresh "{{refresh}}"), người dùng không dừng được.',
  'a11y.moving.timedRedirect': 'Trang tự chuyển sang {{to}} bằng mã lệnh {{ms}} ms sau khi tải xong, người dùng không dừng được.',
  'a11y.moving.scriptRedirect': 'Trang tự chuyển sang {{to}} bằng mã lệnh {{ms}} ms sau khi tải xong: cần người xem nội dung trang đầu có kịp đọc không.',

  // 2.4.4 Link purpose.
  'a11y.link.title': 'Liên kết nói rõ mục đích',
  'a11y.link.description': 'Mỗi liên kết có tên, và tên (cùng ngữ cảnh quanh nó) nói rõ nơi nó dẫn tới, không chỉ "xem tại đây".',
  'a11y.link.advice': 'Viết chữ của liên kết nói rõ nơi nó dẫn tới ("Tải mẫu tờ khai đăng ký khai sinh" thay cho "Tải về"); liên kết cùng tên phải dẫn tới cùng một nơi.',
  'a11y.link.genericText': 'Liên kết "{{name}}"{{selector}}{{frame}} không nói rõ dẫn tới đâu và không có ngữ cảnh nào{{to}}.',
  'a11y.link.genericInContext': 'Liên kết "{{name}}"{{selector}}{{frame}} không tự nói rõ dẫn tới đâu; cần người kiểm tra xem ngữ cảnh "{{surrounding}}" có nói rõ không{{to}}.',
  'a11y.link.sameTextDifferentTarget': '{{links}} liên kết cùng tên "{{name}}" (như{{selector}}{{frame}}) dẫn tới {{targets}} địa chỉ khác nhau: {{addresses}}. Cần người kiểm tra xem chúng có cùng mục đích không.',

  // The interaction probes (interaction.ts): the probe itself.
  'a11y.interaction.probeError': 'Lỗi công cụ khi thử trên trang ({{probe}}): {{message}}.',
  'a11y.interaction.notRun': 'Chưa thử phần này trên trang.',

  // 3.2.1 On focus, 3.2.2 On input.
  'a11y.context.title': 'Không tự chuyển ngữ cảnh khi nhận tiêu điểm hoặc khi nhập liệu',
  'a11y.context.description': 'Đưa tiêu điểm vào một phần tử hay chọn, nhập một giá trị không tự chuyển trang, mở cửa sổ mới hay dời tiêu điểm, trừ khi đã báo trước.',
  'a11y.context.advice': 'Không tự chuyển trang, mở cửa sổ hay dời tiêu điểm khi người dùng chỉ chọn hoặc nhập: thêm nút "Xem"/"Gửi" để người dùng tự quyết.',
  'a11y.context.effect.navigation': 'chuyển sang trang khác',
  'a11y.context.effect.popup': 'mở cửa sổ mới',
  'a11y.context.effect.focus_moved': 'chuyển tiêu điểm đi nơi khác',
  'a11y.context.effect.content_replaced': 'thay phần lớn nội dung trang',
  'a11y.context.effect.dialog': 'mở hộp thoại',
  'a11y.context.onFocus': 'khi nhận tiêu điểm',
  'a11y.context.onInput': 'khi thay đổi giá trị',
  'a11y.context.changedOnFocus': '{{element}} {{what}} khi nhận tiêu điểm. Chỉ thực hiện hành động khi người dùng kích hoạt (nhấn nút), không phải khi phần tử nhận tiêu điểm.',
  'a11y.context.changedOnInput': '{{element}} {{what}} khi thay đổi giá trị. Thêm nút "Xem"/"Gửi" để người dùng xác nhận, hoặc ghi rõ trước ô nhập điều gì sẽ xảy ra.',
  'a11y.context.why.notReproduced': 'chỉ thấy một lần, lần thử lại không lặp lại',
  'a11y.context.why.advisory': 'có ghi chú báo trước: "{{advisory}}"',
  'a11y.context.why.submit': 'có nút xác nhận gần đó ({{button}})',
  'a11y.context.why.review': 'cần người kiểm tra xem đây có phải là thay đổi ngữ cảnh không',
  'a11y.context.review': '{{element}} {{what}} {{when}}; {{why}}. Cần kiểm tra thủ công.',
  'a11y.context.incomplete': 'Chưa thử hết các trường ({{focused}} lần đưa tiêu điểm, {{changed}} lần đổi giá trị; dừng vì: {{stopped}}).',
  'a11y.context.stopped.elementLimit': 'giới hạn số phần tử',
  // Why the context test stopped early (the probe's words).
  'a11y.context.stopped.timeBudget': 'hết thời gian cho phép',
  'a11y.context.stopped.windowsOpened': 'trang mở quá nhiều cửa sổ',
  'a11y.context.stopped.dialogsOpened': 'trang mở quá nhiều hộp thoại',
  'a11y.context.ok': 'Đã đưa tiêu điểm vào {{focused}} phần tử và đổi giá trị {{changed}} trường: không có thay đổi ngữ cảnh (trên {{candidates}} phần tử nhận tiêu điểm).',

  // 2.4.1 Bypass blocks.
  'a11y.bypass.title': 'Có cách bỏ qua các khối lặp lại',
  'a11y.bypass.description': 'Có liên kết "Bỏ qua đến nội dung chính" hoạt động, hoặc vùng mốc (main, nav) hay tiêu đề mục để nhảy qua các khối lặp lại.',
  'a11y.bypass.advice': 'Thêm liên kết "Bỏ qua đến nội dung chính" ở đầu trang trỏ tới vùng <main> có tồn tại, hoặc dùng các vùng mốc <main>, <nav>.',
  'a11y.bypass.noTop': 'Không đọc được tài liệu chính của trang.',
  'a11y.bypass.skipLink': 'Liên kết bỏ qua {{element}} hoạt động (đưa tới {{target}}).',
  'a11y.bypass.skipLinkBroken': 'Liên kết bỏ qua {{element}} trỏ tới "{{href}}" nhưng trang không có phần tử đó. Đặt id tương ứng cho vùng nội dung chính (ví dụ <main id="noi-dung">).',
  'a11y.bypass.skipLinkBrokenReview': '{{broken}} Trang vẫn có {{other}}: cần kiểm tra thủ công.',
  'a11y.bypass.other.skipLink': 'một liên kết bỏ qua khác',
  'a11y.bypass.other.main': 'vùng mốc main',
  'a11y.bypass.other.headings': 'tiêu đề mục',
  'a11y.bypass.skipLinkBrokenFail': '{{broken}} Trang cũng không có vùng mốc hay tiêu đề mục để bỏ qua {{before}} phần tử đứng trước nội dung.',
  'a11y.bypass.landmarks': 'Trang có vùng mốc main{{nav}} (kỹ thuật ARIA11).',
  'a11y.bypass.landmarks.nav': ' và nav',
  'a11y.bypass.skipLinkNoEffect': 'Nhấn Enter trên liên kết bỏ qua {{element}} không thấy tiêu điểm hay vị trí cuộn tới {{target}}: cần kiểm tra thủ công.',
  'a11y.bypass.headings': 'Trang có {{headings}} tiêu đề mục để nhảy tới nội dung (kỹ thuật H69); nên thêm vùng mốc <main>.',
  'a11y.bypass.noBlock': 'Chỉ {{before}} phần tử nhận tiêu điểm đứng trước nội dung: không có khối lặp lại cần bỏ qua.',
  'a11y.bypass.none': 'Có {{before}} phần tử nhận tiêu điểm đứng trước nội dung mà trang không có liên kết bỏ qua, vùng mốc hay tiêu đề mục. Thêm liên kết "Bỏ qua đến nội dung chính" đầu trang và bọc nội dung trong <main>.',
  'a11y.bypass.noneReview': 'Có {{before}} phần tử nhận tiêu điểm đứng trước nội dung mà trang không có liên kết bỏ qua, vùng mốc hay tiêu đề mục. Thêm liên kết "Bỏ qua đến nội dung chính" đầu trang và bọc nội dung trong <main>. Cần kiểm tra xem đó có phải khối lặp lại trên các trang không.',

  // 1.4.1 Use of colour.
  'a11y.colour.title': 'Không dùng màu sắc làm cách duy nhất để truyền đạt thông tin',
  'a11y.colour.description': 'Liên kết trong đoạn văn được nhận ra không chỉ nhờ màu (gạch chân, hoặc tương phản 3:1 và dấu hiệu khi di chuột/nhận tiêu điểm); trường bắt buộc không chỉ được đánh dấu bằng màu.',
  'a11y.colour.advice': 'Gạch chân liên kết trong đoạn văn (hoặc độ tương phản với chữ xung quanh từ 3:1 kèm dấu hiệu khi di chuột/tiêu điểm); đánh dấu trường bắt buộc bằng chữ hoặc thuộc tính required, không chỉ bằng màu.',
  'a11y.colour.linkUnknown': 'Liên kết {{element}} chỉ khác chữ xung quanh ở màu ({{linkColour}} so với {{textColour}}); không tính được độ tương phản.',
  'a11y.colour.linkColourOnly': 'Liên kết {{element}} chỉ khác chữ xung quanh ở màu, tương phản {{ratio}}:1 (< 3:1). Gạch chân liên kết trong đoạn văn (text-decoration: underline).',
  'a11y.colour.linkNoHoverCue': 'Liên kết {{element}} khác chữ xung quanh bằng màu với tương phản {{ratio}}:1, nhưng {{cues}} (kỹ thuật G183). Gạch chân liên kết trong đoạn văn (text-decoration: underline).',
  'a11y.colour.cues.notTried': 'chưa thử dấu hiệu thêm khi di chuột hay nhận tiêu điểm',
  'a11y.colour.cues.none': 'không thấy dấu hiệu thêm khi di chuột hay nhận tiêu điểm',
  'a11y.colour.requiredByColour': 'Trang ghi "{{instruction}}" nhưng nhãn của {{element}} chỉ được đánh dấu bằng màu đỏ. Thêm chữ "(bắt buộc)" hoặc dấu "*" có giải thích vào nhãn, và thuộc tính required.',
  'a11y.colour.labelColourReview': 'Nhãn "{{label}}" của {{element}} có màu đỏ khác các nhãn khác mà không có chữ hay dấu nào đi kèm: nếu màu báo trường bắt buộc, đó là lỗi. Thêm chữ "(bắt buộc)" hoặc dấu "*" có giải thích vào nhãn, và thuộc tính required.',
  'a11y.colour.ok': '{{links}} liên kết trong đoạn văn và {{fields}} trường: không thấy thông tin chỉ truyền đạt bằng màu.',

  // 1.3.1, 3.3.2 Form structure and headings.
  'a11y.form.title': 'Cấu trúc biểu mẫu và tiêu đề được đánh dấu đúng',
  'a11y.form.description': 'Nhóm nút chọn có fieldset/legend hoặc nhóm có tên; dấu "*" bắt buộc được giải thích; chữ trông như tiêu đề được đánh dấu là tiêu đề.',
  'a11y.form.advice': 'Đặt nhóm lựa chọn trong <fieldset> có <legend> (hoặc role="radiogroup" có tên); giải thích dấu * bắt buộc; dùng h1–h6 cho chữ trông như tiêu đề.',
  'a11y.form.kind.radio': 'nút chọn một',
  'a11y.form.kind.checkbox': 'ô đánh dấu',
  'a11y.form.groupFix': 'Bọc các lựa chọn trong <fieldset> với <legend>{{question}}</legend>, hoặc role="{{role}}" với aria-labelledby.',
  'a11y.form.groupUnlabelled': 'Nhóm {{size}} {{kind}} "{{name}}" ({{element}}) có câu hỏi "{{question}}" hiển thị nhưng không gắn với nhóm: trình đọc màn hình chỉ đọc từng lựa chọn. {{fix}}',
  'a11y.form.groupReview': 'Nhóm {{size}} {{kind}} "{{name}}" ({{element}}) không nằm trong fieldset hay nhóm có tên{{before}}: cần kiểm tra xem có câu hỏi chung không. {{fix}}',
  'a11y.form.groupReview.before': '; chữ đứng trước: "{{question}}"',
  'a11y.form.asteriskUnexplained': '{{fields}} trường có dấu "*" (ví dụ {{element}}) mà trang không giải thích dấu "*" nghĩa là bắt buộc. Thêm câu "Các trường có dấu * là bắt buộc" ở đầu biểu mẫu.',
  'a11y.form.visualHeading': '{{element}} trông như tiêu đề (cỡ chữ {{size}}px, đậm {{weight}}, chữ thường {{body}}px) nhưng không đánh dấu là tiêu đề: nếu đúng là tiêu đề, dùng <h2>…<h6>.',
  'a11y.form.ok': '{{fields}} trường, {{groups}} nhóm lựa chọn: cấu trúc được đánh dấu.',

  // The presentation probes (presentation.ts): the probe itself, and what is cut off or overlaps.
  'a11y.presentation.probeFailed': 'Lỗi công cụ khi thử trên trang ({{probe}}): {{message}}',
  'a11y.presentation.notRun': 'Chưa thử phần này trên trang ({{probe}}).',
  'a11y.presentation.axis.x': 'bên phải/trái',
  'a11y.presentation.axis.y': 'phía dưới/trên',
  'a11y.presentation.doubt.moving': 'nằm trong phần chuyển động (băng chuyền, hiệu ứng): có thể cố ý',
  'a11y.presentation.doubt.viewport_y': 'trang không cuộn dọc được (overflow hidden trên html/body): có thể do hộp thoại đang mở',
  'a11y.presentation.doubt.ellipsis': 'chữ bị cắt có dấu "…": có thể cố ý',
  'a11y.presentation.doubt.oneLine': 'khung chỉ cao một dòng: có thể cố ý',
  'a11y.presentation.clippedBy.box': 'khung {{box}} (overflow ẩn)',
  'a11y.presentation.clippedBy.window': 'cửa sổ (overflow ẩn trên html/body)',
  'a11y.presentation.clipped': '{{when}}, chữ của {{element}} bị {{by}} cắt mất {{hidden}} điểm ảnh {{axis}}. Cách sửa: bỏ chiều cao/rộng cố định (dùng min-height, max-width) hoặc cho khung cuộn (overflow: auto).',
  'a11y.presentation.clippedMaybe': '{{when}}, chữ của {{element}} bị {{by}} cắt mất {{hidden}} điểm ảnh {{axis}} — cần người xem: {{why}}. Cách sửa: bỏ chiều cao/rộng cố định (dùng min-height, max-width) hoặc cho khung cuộn (overflow: auto).',
  'a11y.presentation.overlap': '{{when}}, chữ của {{a}} và {{b}} đè lên nhau ({{area}} điểm ảnh²) — cần người xem: có thể là cố ý (chữ đặt chồng lên ảnh nền, nhãn nổi).',

  // 1.4.4 Resize text.
  'a11y.resize.title': 'Phóng to chữ 200% không mất nội dung',
  'a11y.resize.description': 'Phóng to trang 200%, không chữ nào bị cắt mất; trang không chặn thao tác phóng to.',
  'a11y.resize.advice': 'Không đặt user-scalable=no hay maximum-scale dưới 2 trong thẻ meta viewport; khung chứa chữ dùng min-height thay cho height cố định, hoặc overflow: auto.',
  'a11y.resize.zoomBlocked': 'Thẻ meta viewport "{{content}}" chặn phóng to (user-scalable=no hoặc maximum-scale dưới 2).',
  'a11y.resize.context': 'Khi phóng to 200% (640×512 điểm ảnh CSS)',

  // 1.4.10 Reflow.
  'a11y.reflow.title': 'Không phải cuộn ngang ở độ rộng 320 điểm ảnh',
  'a11y.reflow.description': 'Ở màn hình rộng 320 điểm ảnh CSS, nội dung tự xuống dòng, không phải cuộn ngang và không chữ nào bị cắt mất.',
  'a11y.reflow.advice': 'Dùng bố cục co giãn (đơn vị %, max-width, flex/grid xuống dòng) thay cho chiều rộng cố định; chỉ bảng số liệu, bản đồ, sơ đồ được cuộn ngang (đặt trong khung overflow-x: auto).',
  'a11y.reflow.pageWide': 'Ở độ rộng {{width}} điểm ảnh, trang rộng {{scrollWidth}} điểm ảnh: phải cuộn ngang.',
  'a11y.reflow.overflow': 'Ở độ rộng {{width}} điểm ảnh, {{element}} tràn tới {{right}} điểm ảnh: phải cuộn ngang để đọc chữ. Cách sửa: bỏ chiều rộng cố định, dùng max-width: 100% và cho chữ xuống dòng (overflow-wrap: anywhere với địa chỉ dài).',
  'a11y.reflow.twoDimensional': '{{element}} rộng hơn màn hình nhưng là nội dung cần hai chiều ({{what}}): được phép cuộn ngang; nên đặt trong khung overflow-x: auto.',
  'a11y.reflow.unclear.empty': 'không có chữ nào ra ngoài màn hình',
  'a11y.reflow.unclear.offscreen': 'nó nằm hẳn ngoài màn hình (có thể là trình đơn ẩn)',
  'a11y.reflow.unclear.frame': 'đó là một khung nhúng (có thể là bản đồ)',
  'a11y.reflow.overflowUnclear': 'Ở độ rộng {{width}} điểm ảnh, {{element}} làm trang phải cuộn ngang tới {{right}} điểm ảnh, nhưng {{why}}: cần người xem.',
  'a11y.reflow.overflowUnexplained': 'Ở độ rộng {{width}} điểm ảnh, trang rộng {{scrollWidth}} điểm ảnh nhưng không tìm ra phần tử gây tràn: cần người xem.',
  'a11y.reflow.context': 'Ở độ rộng {{width}} điểm ảnh',

  // 1.4.12 Text spacing.
  'a11y.spacing.title': 'Giãn dòng, giãn chữ không làm mất nội dung',
  'a11y.spacing.description': 'Khi người dùng tăng giãn dòng 1,5, giãn chữ 0,12em, giãn từ 0,16em, giãn đoạn 2em, không chữ nào bị cắt mất hay đè lên nhau, và trang không khóa các giá trị này bằng !important.',
  'a11y.spacing.advice': 'Không đặt letter-spacing, word-spacing, line-height kèm !important trong thuộc tính style; khung chứa chữ không đặt chiều cao cố định với overflow: hidden (dùng min-height).',
  'a11y.spacing.property.letter-spacing': 'khoảng cách chữ',
  'a11y.spacing.property.word-spacing': 'khoảng cách từ',
  'a11y.spacing.property.line-height': 'chiều cao dòng',
  'a11y.spacing.important': '{{element}} khóa {{name}} bằng "{{property}}: {{declared}} !important" trong thuộc tính style ({{px}} điểm ảnh, {{ratio}} lần cỡ chữ {{font}} điểm ảnh, dưới {{least}}): người dùng không tăng được. Cách sửa: bỏ !important hoặc đặt ít nhất {{least}}.',
  'a11y.spacing.context': 'Khi tăng giãn dòng, giãn chữ, giãn từ theo WCAG',
};
