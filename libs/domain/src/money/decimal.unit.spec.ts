import { decimalFromNumber, multiplyToAmount, normalizeAmount, priceFromNumber } from './decimal';

describe('multiplyToAmount', () => {
  it.each([
    [9.99, 3, '29.97'],
    [0.1, 3, '0.30'],
    [12.99, 1, '12.99'],
    [15, 2, '30.00'],
    [19.99, 1.5, '29.99'], // 29.985 rounds half-up
    [0.0125, 3, '0.04'], // 0.0375
    [0.0125, 2, '0.03'], // 0.025 rounds half-up
    [1.005, 1, '1.01'], // the float 1.005 is 1.00499…; read as the literal "1.005"
    [-4.995, 1, '-5.00'], // half away from zero
    [0, 7, '0.00'],
    [1e21, 1, '1000000000000000000000.00'],
  ])('%d × %d = %s', (price, quantity, expected) => {
    expect(multiplyToAmount(price, quantity)).toBe(expected);
  });
});

describe('priceFromNumber and decimalFromNumber', () => {
  it.each([
    [10, '10.00', '10'],
    [12.5, '12.50', '12.5'],
    [12.99, '12.99', '12.99'],
    [0.0125, '0.0125', '0.0125'],
    [1e-7, '0.0000001', '0.0000001'],
    [-3, '-3.00', '-3'],
  ])('%d → price %s, decimal %s', (value, price, decimal) => {
    expect(priceFromNumber(value)).toBe(price);
    expect(decimalFromNumber(value)).toBe(decimal);
  });

  it('refuses a value that is not a finite number', () => {
    expect(() => decimalFromNumber(Number.NaN)).toThrow(RangeError);
  });
});

describe('normalizeAmount', () => {
  it.each([
    ['12.9', '12.90'],
    ['12.90', '12.90'],
    ['7', '7.00'],
    ['-0.5', '-0.50'],
  ])('%s → %s', (amount, expected) => {
    expect(normalizeAmount(amount)).toBe(expected);
  });
});
