// The accessibility statement and the personal-data notice of the dashboard and the public status
// page: what they conform to and how that is verified, their known limits, what they process
// about visitors (nothing but the server's log lines) and whom to contact (server.contact).
import type { Config } from '../../config/schema.ts';
import type { Lang } from '../../i18n.ts';
import { msg } from '../../messages/index.ts';
import { html, type Safe } from '../../report/html.ts';

type Contact = Config['server']['contact'];

function contactLine(contact: Contact, lang: Lang, purpose: string): Safe {
  if (!contact) {
    return html`<p>${msg(lang, 'dashboard.about.contact.none', { purpose })}</p>`;
  }
  return html`<p>${msg(lang, 'dashboard.about.contact.label', { purpose })}: <strong>${contact.name}</strong>${contact.email ? html`, ${msg(lang, 'dashboard.about.contact.email')} <a href="mailto:${contact.email}">${contact.email}</a>` : null}${contact.phone ? html`, ${msg(lang, 'dashboard.about.contact.phone')} ${contact.phone}` : null}.</p>`;
}

export function statementContent(lang: Lang, contact: Contact): Safe {
  return html`<p>${msg(lang, 'dashboard.about.statement.intro')}</p>
<h2 id="kiem-chung">${msg(lang, 'dashboard.about.statement.verifyHeading')}</h2>
<p>${msg(lang, 'dashboard.about.statement.verify')}</p>
<h2 id="han-che">${msg(lang, 'dashboard.about.statement.limitsHeading')}</h2>
<ul>
<li>${msg(lang, 'dashboard.about.statement.limit.charts')}</li>
<li>${msg(lang, 'dashboard.about.statement.limit.tables')}</li>
<li>${msg(lang, 'dashboard.about.statement.limit.screenshots')}</li>
<li>${msg(lang, 'dashboard.about.statement.limit.portalText')}</li>
</ul>
<h2 id="phan-anh">${msg(lang, 'dashboard.about.statement.reportHeading')}</h2>
${contactLine(contact, lang, msg(lang, 'dashboard.about.statement.contactPurpose'))}`;
}

export function privacyContent(lang: Lang, contact: Contact): Safe {
  return html`<p>${msg(lang, 'dashboard.about.privacy.intro')}</p>
<h2 id="khong-thu-thap">${msg(lang, 'dashboard.about.privacy.notCollectedHeading')}</h2>
<ul>
<li>${msg(lang, 'dashboard.about.privacy.notCollected.cookies')}</li>
<li>${msg(lang, 'dashboard.about.privacy.notCollected.figures')}</li>
</ul>
<h2 id="nhat-ky">${msg(lang, 'dashboard.about.privacy.logHeading')}</h2>
<p>${msg(lang, 'dashboard.about.privacy.log')}</p>
<h2 id="lien-he">${msg(lang, 'dashboard.about.privacy.contactHeading')}</h2>
${contactLine(contact, lang, msg(lang, 'dashboard.about.privacy.contactPurpose'))}`;
}
