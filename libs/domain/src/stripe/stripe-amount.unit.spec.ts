import { amountFromMinorUnits, currencyFromStripe, stripeCurrencyExponent } from './stripe-amount';

describe('amountFromMinorUnits', () => {
  it.each<[string, number, string, string]>([
    ['pence', 1299, 'gbp', '12.99'],
    ['a whole amount keeps two places', 12000, 'gbp', '120.00'],
    ['less than one major unit', 5, 'usd', '0.05'],
    ['zero', 0, 'eur', '0.00'],
    ['yen are major units, written with two places like every amount', 1200, 'jpy', '1200.00'],
    ['the currency code in any case', 1200, 'JPY', '1200.00'],
    ['won', 55000, 'krw', '55000.00'],
    ['the CFA franc', 6500, 'xof', '6500.00'],
    ['Kuwaiti dinar: thousandths, three places', 12345, 'kwd', '12.345'],
    ['Bahraini dinar below one', 5, 'bhd', '0.005'],
    ['Icelandic króna is two-decimal in Stripe', 150000, 'isk', '1500.00'],
    ['a negative amount', -1299, 'gbp', '-12.99'],
    ['the largest safe integer, exactly', 9007199254740991, 'gbp', '90071992547409.91'],
  ])('%s: %d %s → %s', (_case, amount, currency, expected) => {
    expect(amountFromMinorUnits(amount, currency)).toBe(expected);
  });

  it.each([12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %d', (amount) => {
    expect(() => amountFromMinorUnits(amount, 'gbp')).toThrow(RangeError);
  });
});

describe('stripeCurrencyExponent', () => {
  // prettier-ignore
  it.each<[string, number]>([
    ['BIF', 0], ['CLP', 0], ['DJF', 0], ['GNF', 0], ['JPY', 0], ['KMF', 0], ['KRW', 0], ['MGA', 0],
    ['PYG', 0], ['RWF', 0], ['UGX', 0], ['VND', 0], ['VUV', 0], ['XAF', 0], ['XOF', 0], ['XPF', 0],
    ['BHD', 3], ['JOD', 3], ['KWD', 3], ['OMR', 3], ['TND', 3],
    ['GBP', 2], ['USD', 2], ['EUR', 2], ['ISK', 2], ['HUF', 2], ['TWD', 2],
  ])('%s → %d', (currency, exponent) => {
    expect(stripeCurrencyExponent(currency.toLowerCase())).toBe(exponent);
  });
});

describe('currencyFromStripe', () => {
  it("upper-cases Stripe's code", () => {
    expect(currencyFromStripe('gbp')).toBe('GBP');
  });
});
