// Vietnamese presentation of numbers (dot for thousands, comma for decimals), written by hand
// rather than with Intl so the bytes never depend on the ICU data of the Node build.

export function formatViInt(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(Math.round(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 97.666 → "97,67" (decimals fixed). */
export function formatViDecimal(value: number, decimals = 2): string {
  const [whole = '0', frac] = Math.abs(value).toFixed(decimals).split('.');
  const sign = value < 0 ? '-' : '';
  return sign + formatViInt(Number(whole)) + (frac ? `,${frac}` : '');
}

/** 97.67 → "97,67%". */
export function formatViPercent(value: number, decimals = 2): string {
  return `${formatViDecimal(value, decimals)}%`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
