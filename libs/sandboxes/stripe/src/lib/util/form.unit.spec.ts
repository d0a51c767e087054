import { FormShapeError, parseForm } from './form';

describe('parseForm (Stripe’s bracket encoding)', () => {
  it('parses flat, nested and array parameters in both array styles', () => {
    expect(
      parseForm(
        'subscription=sub_1&expand[0]=a&expand[1]=b.c&created[gte]=10&items[][price]=p&items[][quantity]=2',
      ),
    ).toEqual({
      subscription: 'sub_1',
      expand: ['a', 'b.c'],
      created: { gte: '10' },
      items: [{ price: 'p' }, { quantity: '2' }],
    });
    expect(parseForm('expand[]=x&expand[]=y')).toEqual({ expand: ['x', 'y'] });
  });

  it('decodes percent-encoding and +, including encoded brackets', () => {
    expect(parseForm('expand%5B0%5D=customer&description=a+b%26c')).toEqual({
      expand: ['customer'],
      description: 'a b&c',
    });
  });

  it('refuses keys whose shapes conflict', () => {
    expect(() => parseForm('a=1&a[b]=2')).toThrow(FormShapeError);
    expect(() => parseForm('a[b]=1&a[]=2')).toThrow("Invalid array or hash for parameter 'a[]'");
  });
});
