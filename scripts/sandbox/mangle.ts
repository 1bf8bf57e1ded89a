// What the `truncated` and `redesigned` faults do to a correct answer on its way out: cut it
// in half (an upstream that crashed mid-response), or give the statistics a new layout (the
// table's id, its headers and row labels renamed, as after a portal redesign), so collectors
// can show they fail by name instead of storing zeros.

/** The first half of a body, never ending at a line end (so a cut CSV is visibly cut mid-row). */
export function truncate(body: string | Buffer): Buffer {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  let end = Math.floor(buf.length / 2);
  while (end > 1 && (buf[end - 1] === 0x0a || buf[end - 1] === 0x0d)) end--;
  return buf.subarray(0, end);
}

// Texts the sandbox pages, scripts and exports print, and what a redesign calls them instead.
const RENAMED: ReadonlyArray<[RegExp, string]> = [
  [/id="bang-thong-ke"/g, 'id="bang-tong-hop-2027"'],
  [/id="bang-so-lieu"/g, 'id="du-lieu-bang"'],
  [/getElementById\('bang-so-lieu'\)/g, "getElementById('du-lieu-bang')"],
  [/>Chỉ tiêu</g, '>Nội dung<'],
  [/>Giá trị</g, '>Số liệu<'],
  [/>Tháng (\d{2})\/(\d{4})</g, '>Kỳ báo cáo $1-$2<'],
  [/'Hồ sơ tiếp nhận'/g, "'Tổng số hồ sơ'"],
  [/'Tiếp nhận trực tuyến'/g, "'Hồ sơ nộp trực tuyến'"],
  [/>Hồ sơ tiếp nhận</g, '>Tổng số hồ sơ<'],
  [/>Tiếp nhận trực tuyến</g, '>Hồ sơ nộp trực tuyến<'],
  [/Mã tỉnh/g, 'Mã đơn vị hành chính'],
  [/Hồ sơ tiếp nhận \(lũy kế\)/g, 'Tổng hồ sơ (cộng dồn)'],
  [/Tiếp nhận trực tuyến \(lũy kế\)/g, 'Trực tuyến (cộng dồn)'],
];

/** Loops forever once the page has loaded: nothing can be read from the page after that. */
export const ENDLESS_SCRIPT = '<script>addEventListener("load", function () { setTimeout(function () { for (;;) {} }, 0); });</script>';

/** An HTML page with ENDLESS_SCRIPT before its end. */
export function withEndlessScript(html: string): string {
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + ENDLESS_SCRIPT : html.slice(0, at) + ENDLESS_SCRIPT + html.slice(at);
}

/** The same content under a new layout (HTML, JavaScript or CSV text). */
export function redesign(text: string): string {
  return RENAMED.reduce((out, [from, to]) => out.replace(from, to), text);
}
