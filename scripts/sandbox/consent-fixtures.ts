// Fixture pages for consent, exercised (src/checks/evidence/consent/): Vietnamese banners that
// respect a refusal and ones that do not, a banner that offers only to agree, one that hides
// refusing behind its settings, and a page that tracks without asking. Each keeps the visitor's
// choice in a first-party cookie and loads the analytics stand-in
// (https://www.google-analytics.com/tracker/collect.js, hosts.ts) only as its design says.
import { fixturePage } from './fixture-page.ts';
import type { SiteResponse } from './sites.ts';
import { TRACKER_SCRIPT_PATH } from './sites.ts';

/** Paths of the consent fixtures on the fixtures host, by what they show. */
export const CONSENT_PAGES = {
  /** Từ chối and Đồng ý side by side; analytics only after Đồng ý. Passes every consent criterion. */
  respected: '/dong-y/ton-trong',
  /** The same banner, but any choice, refusing too, loads the analytics. */
  refusalIgnored: '/dong-y/bo-qua-tu-choi',
  /** Only Đồng ý: no way to refuse. */
  acceptOnly: '/dong-y/chi-dong-y',
  /** Đồng ý tất cả on the banner; refusing needs Tùy chỉnh first (two clicks against one). */
  refuseInSettings: '/dong-y/tu-choi-trong-cai-dat',
  /** Analytics at once, no banner, no way to agree or refuse. */
  noMechanism: '/dong-y/theo-doi-khong-hoi',
} as const;

const TRACKER = `https://www.google-analytics.com${TRACKER_SCRIPT_PATH}`;
const CSP = "default-src 'self' https: data: 'unsafe-inline'; frame-ancestors 'none'";
const STYLE = ` .bieu-ngu { position: fixed; bottom: 0; left: 0; right: 0; background: #f5f5f5; border-top: 2px solid #00457c; padding: 1rem; }
 .bieu-ngu button { margin-right: .5rem; padding: .4rem .9rem; } .an { display: none; }`;

const page = (title: string, body: string): SiteResponse => fixturePage(title, body, { csp: CSP, style: STYLE });

const BANNER_TEXT = 'Cổng sử dụng cookie phân tích truy cập để cải thiện dịch vụ. Bạn có đồng ý cho chúng tôi thu thập dữ liệu cá nhân này không?';

/**
 * The banner and its script: the choice kept in `dvc_dong_y` (co / khong); the analytics loaded
 * when `loadWhen(choice)` says so, at once and on every later visit.
 */
function bannerPage(title: string, buttons: string, loadWhen: string, settings = ''): SiteResponse {
  return page(title, `<p>Trang chủ cổng dịch vụ công (trang kiểm thử).</p>
<div class="bieu-ngu" id="bieu-ngu-cookie" role="region" aria-label="Thông báo cookie" hidden>
<p>${BANNER_TEXT}</p>
<div class="nut">${buttons}</div>${settings}
</div>
<script>
(function () {
  var m = document.cookie.match(/(?:^|; )dvc_dong_y=([^;]+)/);
  var choice = m ? m[1] : null;
  function analytics() { var s = document.createElement('script'); s.src = '${TRACKER}'; document.head.appendChild(s); }
  function loadWhen(choice) { return ${loadWhen}; }
  var banner = document.getElementById('bieu-ngu-cookie');
  function choose(value) {
    document.cookie = 'dvc_dong_y=' + value + '; path=/; max-age=15552000; SameSite=Lax; Secure';
    banner.hidden = true;
    if (loadWhen(value)) analytics();
  }
  if (choice) { if (loadWhen(choice)) analytics(); } else { banner.hidden = false; }
  banner.addEventListener('click', function (e) {
    var b = e.target.closest('button');
    if (!b) return;
    if (b.dataset.chon === 'mo-cai-dat') { document.getElementById('cai-dat').classList.remove('an'); return; }
    if (b.dataset.chon) choose(b.dataset.chon);
  });
})();
</script>`);
}

const YES = '<button type="button" data-chon="co">Đồng ý</button>';
const NO = '<button type="button" data-chon="khong">Từ chối</button>';

/** The consent pages, or null for a path that is not one of them. */
export function consentFixture(path: string): SiteResponse | null {
  const P = CONSENT_PAGES;
  switch (path) {
    case P.respected:
      return bannerPage('Biểu ngữ cookie tôn trọng lựa chọn', `${NO}${YES}`, "choice === 'co'");
    case P.refusalIgnored:
      return bannerPage('Biểu ngữ cookie bỏ qua lời từ chối', `${NO}${YES}`, 'true');
    case P.acceptOnly:
      return bannerPage('Biểu ngữ cookie chỉ có nút đồng ý', YES, "choice === 'co'");
    case P.refuseInSettings:
      return bannerPage('Biểu ngữ cookie giấu nút từ chối', '<button type="button" data-chon="co">Đồng ý tất cả</button><button type="button" data-chon="mo-cai-dat">Tùy chỉnh</button>', "choice === 'co'",
        '\n<div id="cai-dat" class="an"><p>Chọn loại cookie bạn cho phép.</p><button type="button" data-chon="khong">Từ chối tất cả</button></div>');
    case P.noMechanism:
      return page('Theo dõi mà không hỏi', `<p>Trang chủ cổng dịch vụ công (trang kiểm thử): công cụ phân tích chạy ngay khi tải trang.</p>
<script src="${TRACKER}"></script>`);
    default:
      return null;
  }
}
