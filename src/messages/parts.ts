// The catalogue in parts, one per area of the product, so each area's words sit together.
// A key belongs to one part only (test/unit/messages.test.ts checks it).
import { a11yEn } from './parts/a11y.en.ts';
import { a11yVi } from './parts/a11y.vi.ts';
import { alertsEn } from './parts/alerts.en.ts';
import { alertsVi } from './parts/alerts.vi.ts';
import { checksEn } from './parts/checks.en.ts';
import { checksVi } from './parts/checks.vi.ts';
import { cliEn } from './parts/cli.en.ts';
import { cliVi } from './parts/cli.vi.ts';
import { commonEn } from './parts/common.en.ts';
import { commonVi } from './parts/common.vi.ts';
import { configEn } from './parts/config.en.ts';
import { configVi } from './parts/config.vi.ts';
import { dashboardEn } from './parts/dashboard.en.ts';
import { dashboardVi } from './parts/dashboard.vi.ts';
import { kpiEn } from './parts/kpi.en.ts';
import { kpiVi } from './parts/kpi.vi.ts';
import { reportEn } from './parts/report.en.ts';
import { reportVi } from './parts/report.vi.ts';

export const PARTS = {
  common: { en: commonEn, vi: commonVi },
  cli: { en: cliEn, vi: cliVi },
  config: { en: configEn, vi: configVi },
  report: { en: reportEn, vi: reportVi },
  dashboard: { en: dashboardEn, vi: dashboardVi },
  kpi: { en: kpiEn, vi: kpiVi },
  alerts: { en: alertsEn, vi: alertsVi },
  checks: { en: checksEn, vi: checksVi },
  a11y: { en: a11yEn, vi: a11yVi },
} as const;
