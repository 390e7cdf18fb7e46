/**
 * Amounts as a receipt prints them (zod-free, shared with the dashboard): "¥1,234.50", and in capital
 * Chinese numerals (大写金额), written by the People's Bank rules for bills and receipts (《支付结算办法》
 * 附一): 整 after 元 or 角 when nothing follows, one 零 for each run of zeros, 壹拾 written out.
 */
const digits = '零壹贰叁肆伍陆柒捌玖';
const places = ['仟', '佰', '拾', ''];
const groupNames = ['', '万', '亿', '万亿'];

/** "¥1,234.50" from 123450 (integer fen; never through a float). */
export function formatYuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** 0 < g < 10000, without its leading zeros: 1005 → 壹仟零伍. */
function groupWords(g: number): string {
  const ds = String(g).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    out += `${zero ? '零' : ''}${digits[d]}${places[i]}`;
    zero = false;
  });
  return out;
}

function integerWords(n: number): string {
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000);
  let out = '';
  let zero = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) {
      zero = out !== '';
      continue;
    }
    if (out !== '' && (zero || g < 1000)) out += '零';
    out += groupWords(g) + groupNames[i];
    zero = false;
  }
  return out;
}

/** 123450 → 壹仟贰佰叁拾肆元伍角整; 105 → 壹元零伍分; 0 → 零元整. */
export function capitalAmount(cents: number): string {
  const abs = Math.abs(Math.trunc(cents));
  const yuan = integerWords(Math.floor(abs / 100));
  const jiao = Math.floor(abs / 10) % 10;
  const fen = abs % 10;
  let out = yuan ? `${yuan}元` : '';
  if (jiao === 0 && fen === 0) out = `${out || '零元'}整`;
  else {
    if (jiao > 0) out += `${digits[jiao]}角`;
    else if (yuan) out += '零';
    out += fen > 0 ? `${digits[fen]}分` : '整';
  }
  return `${cents < 0 ? '负' : ''}${out}`;
}
