import { stripeEndpoint, stripeEndpointOf } from './stripe-endpoint';

describe('stripeEndpoint', () => {
  it.each([
    [
      'get',
      '/v1/subscriptions/sub_1MowQVLkdIwHu7ix?expand[]=customer',
      'GET /v1/subscriptions/{id}',
    ],
    ['GET', '/v1/subscription_items?subscription=sub_1&limit=100', 'GET /v1/subscription_items'],
    ['GET', '/v1/customers/cus_demoAmelia', 'GET /v1/customers/{id}'],
    ['GET', '/v1/payment_methods/pm_card_visa', 'GET /v1/payment_methods/{id}'],
    ['GET', '/v1/invoices?subscription=sub_1&status=paid', 'GET /v1/invoices'],
    ['POST', '/v1/invoices/create_preview', 'POST /v1/invoices/create_preview'],
    ['GET', '/v1/subscriptions/invoices', 'GET /v1/subscriptions/invoices'],
  ])('%s %s is %s', (method, path, endpoint) => {
    expect(stripeEndpoint(method, path)).toBe(endpoint);
  });

  it('never lets an unknown segment through: ids and odd names alike become {id}', () => {
    expect(stripeEndpoint('GET', '/v1/charges/ch_1/refunds')).toBe('GET /v1/{id}/{id}/{id}');
  });

  it('reads the endpoint of an operation as error messages name it', () => {
    expect(stripeEndpointOf('POST /v1/invoices/create_preview (subscription=sub_1)')).toBe(
      'POST /v1/invoices/create_preview',
    );
    expect(stripeEndpointOf('GET /v1/invoices?subscription=sub_1&status=paid')).toBe(
      'GET /v1/invoices',
    );
  });
});
