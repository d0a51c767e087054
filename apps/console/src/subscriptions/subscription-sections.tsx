import type { Address, Subscription } from '../api/api-types';
import { formatDate, formatExpiry } from '../format/format';
import { EmptyState } from '../ui/notices';
import { StatusPill } from '../ui/status-pill';

/** The parts of a subscription below its summary: customer, schedule, addresses, cards, offers. */
export function SubscriptionSections({ subscription: sub }: { subscription: Subscription }) {
  return (
    <>
      <section aria-labelledby="customer-title">
        <h2 id="customer-title">Customer</h2>
        {sub.customer === null ? (
          <EmptyState title="No customer linked">The provider named no customer for it.</EmptyState>
        ) : (
          <dl class="facts">
            <dt>Name</dt>
            <dd>{sub.customer.name}</dd>
            <dt>Email</dt>
            <dd>{sub.customer.email}</dd>
            <dt>Customer id</dt>
            <dd class="mono">{sub.customer.id}</dd>
            <dt>Identities</dt>
            <dd>
              {sub.customer.identities.length === 0 ? (
                '—'
              ) : (
                <ul class="plain-list">
                  {sub.customer.identities.map((identity) => (
                    <li key={`${identity.service}:${identity.id}`}>
                      <span class="tag">{identity.service}</span>{' '}
                      <span class="mono">{identity.id}</span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
        )}
      </section>

      <section aria-labelledby="schedule-title">
        <h2 id="schedule-title">Schedule</h2>
        {sub.schedule.length === 0 ? (
          <EmptyState title="No scheduled charges">Nothing is due on this subscription.</EmptyState>
        ) : (
          <div class="table-wrap">
            <table class="data-table" aria-labelledby="schedule-title">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Description</th>
                  <th scope="col" class="num">
                    Amount
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {sub.schedule.map((entry) => (
                  <tr key={entry.id} class={entry.status === 'cancelled' ? 'row-muted' : undefined}>
                    <td class="nowrap">{formatDate(entry.date)}</td>
                    <td>{entry.description ?? '—'}</td>
                    <td class="num nowrap">
                      {entry.amount} {entry.currency}
                    </td>
                    <td>
                      <StatusPill status={entry.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="addresses-title">
        <h2 id="addresses-title">Addresses</h2>
        {sub.addresses.length === 0 ? (
          <EmptyState title="No addresses">
            The customer has no billing or shipping address on file.
          </EmptyState>
        ) : (
          <div class="address-grid">
            {sub.addresses.map((address, index) => (
              <AddressCard key={`${address.type}-${index}`} address={address} />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="payment-title">
        <h2 id="payment-title">Payment methods</h2>
        {sub.paymentMethods.length === 0 ? (
          <EmptyState title="No payment methods">
            No card is on file for this subscription.
          </EmptyState>
        ) : (
          <div class="table-wrap">
            <table class="data-table" aria-labelledby="payment-title">
              <thead>
                <tr>
                  <th scope="col">Brand</th>
                  <th scope="col">Card</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Default</th>
                </tr>
              </thead>
              <tbody>
                {sub.paymentMethods.map((method, index) => (
                  <tr key={`${method.brand}-${method.last4}-${index}`}>
                    <td class="capitalize">{method.brand}</td>
                    <td class="mono">
                      {method.last4 === null ? 'tokenised' : `•••• ${method.last4}`}
                    </td>
                    <td>{formatExpiry(method.expMonth, method.expYear)}</td>
                    <td>{method.default ? 'Default' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="offers-title">
        <h2 id="offers-title">Offers</h2>
        {sub.offers.length === 0 ? (
          <EmptyState title="No offers">No offer is recorded for this subscription.</EmptyState>
        ) : (
          <div class="table-wrap">
            <table class="data-table" aria-labelledby="offers-title">
              <thead>
                <tr>
                  <th scope="col">Offer</th>
                  <th scope="col">Start</th>
                  <th scope="col">End</th>
                </tr>
              </thead>
              <tbody>
                {sub.offers.map((offer, index) => (
                  <tr key={`${offer.name}-${index}`}>
                    <td>{offer.name}</td>
                    <td class="nowrap">{formatDate(offer.start)}</td>
                    <td class="nowrap">{formatDate(offer.end)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function AddressCard({ address }: { address: Address }) {
  const lines = [
    address.line1,
    address.line2,
    [address.city, address.state, address.postalCode].filter(Boolean).join(', '),
    address.country,
  ].filter((line): line is string => line !== null && line !== undefined && line !== '');
  return (
    <address class="card address-card">
      <p class="address-type">{address.type}</p>
      {lines.map((line, index) => (
        <span key={index} class="address-line">
          {line}
        </span>
      ))}
    </address>
  );
}
