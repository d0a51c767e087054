import express, { type Request, type Response, type Router } from 'express';
import type { SegmentShape } from '../store/sandbox.records';
import type { SandboxStore } from '../store/sandbox.store';
import { isIsoDate } from '../util/dates';
import { renderSubscription, type ChargeDetail } from '../views/subscription.view';
import { absoluteUrlWith, notFoundMessage, queryValue } from './query-params';
import { sendZuoraError } from './zuora-responses';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 40;

type Parsed<T> = { ok: true; value: T } | { ok: false; category: 20 | 23; message: string };

function parseChargeDetail(req: Request): Parsed<ChargeDetail> {
  const mode = queryValue(req, 'charge-detail') ?? 'last-segment';
  if (mode === 'last-segment' || mode === 'current-segment' || mode === 'all-segments') {
    return { ok: true, value: { mode } };
  }
  if (mode === 'specific-segment') {
    const asOfDate = queryValue(req, 'as-of-date');
    if (asOfDate === undefined) {
      return {
        ok: false,
        category: 23,
        message: "'as-of-date' is required when charge-detail is specific-segment.",
      };
    }
    if (!isIsoDate(asOfDate))
      return { ok: false, category: 20, message: `Invalid as-of-date '${asOfDate}'.` };
    return { ok: true, value: { mode, asOfDate } };
  }
  return {
    ok: false,
    category: 20,
    message: `Invalid value '${mode}' for charge-detail: use last-segment, current-segment, all-segments or specific-segment.`,
  };
}

function parsePage(req: Request): Parsed<{ page: number; pageSize: number }> {
  const rawPage = queryValue(req, 'page');
  const page = rawPage === undefined ? 1 : Number(rawPage);
  if (!Number.isInteger(page) || page < 1) {
    return {
      ok: false,
      category: 20,
      message: `Invalid value '${rawPage}' for page: it must be an integer of 1 or more.`,
    };
  }
  const requested = Number(queryValue(req, 'pageSize'));
  // As documented: an empty or invalid pageSize falls back to the default; more than 40 means 40.
  const pageSize =
    Number.isInteger(requested) && requested >= 1
      ? Math.min(requested, MAX_PAGE_SIZE)
      : DEFAULT_PAGE_SIZE;
  return { ok: true, value: { page, pageSize } };
}

export function subscriptionsRouter(
  store: SandboxStore,
  segmentShape: () => SegmentShape = () => 'rich',
): Router {
  const router = express.Router();

  const viewOptions = (
    req: Request,
    res: Response,
  ): { chargeDetail: ChargeDetail; exclude: boolean } | null => {
    const chargeDetail = parseChargeDetail(req);
    if (!chargeDetail.ok) {
      sendZuoraError(req, res, chargeDetail.category, chargeDetail.message);
      return null;
    }
    return {
      chargeDetail: chargeDetail.value,
      exclude: queryValue(req, 'exclude-rate-plans-with-no-charges') === 'true',
    };
  };

  router.get('/subscriptions/accounts/:accountKey', (req, res) => {
    const account = store.findAccount(req.params.accountKey);
    if (!account) {
      sendZuoraError(req, res, 40, notFoundMessage(req.params.accountKey));
      return;
    }
    const view = viewOptions(req, res);
    const paging = parsePage(req);
    if (!view) return;
    if (!paging.ok) {
      sendZuoraError(req, res, paging.category, paging.message);
      return;
    }
    const { page, pageSize } = paging.value;
    const all = store.subscriptionsForAccount(account.basicInfo.id);
    const slice = all.slice((page - 1) * pageSize, page * pageSize);
    const today = store.today();
    res.json({
      success: true,
      subscriptions: slice.map((sub) =>
        renderSubscription(sub, {
          chargeDetail: view.chargeDetail,
          excludeRatePlansWithNoCharges: view.exclude,
          today,
          isLatestVersion: true,
          segmentShape: segmentShape(),
        }),
      ),
      ...(page * pageSize < all.length
        ? { nextPage: absoluteUrlWith(req, { page: String(page + 1), pageSize: String(pageSize) }) }
        : {}),
    });
  });

  router.get('/subscriptions/:key/versions/:version', (req, res) => {
    const versions = store.subscriptionVersions(req.params.key);
    if (!versions) {
      sendZuoraError(req, res, 40, notFoundMessage(req.params.key));
      return;
    }
    const record = versions.find((v) => String(v.version) === req.params.version);
    if (!record) {
      sendZuoraError(
        req,
        res,
        40,
        `Version ${req.params.version} of subscription ${req.params.key} does not exist.`,
      );
      return;
    }
    const view = viewOptions(req, res);
    if (!view) return;
    res.json({
      success: true,
      ...renderSubscription(record, {
        chargeDetail: view.chargeDetail,
        excludeRatePlansWithNoCharges: view.exclude,
        today: store.today(),
        isLatestVersion: record === versions.at(-1),
        segmentShape: segmentShape(),
      }),
    });
  });

  router.get('/subscriptions/:key', (req, res) => {
    const latest = store.latestSubscription(req.params.key);
    if (!latest) {
      sendZuoraError(req, res, 40, notFoundMessage(req.params.key));
      return;
    }
    const view = viewOptions(req, res);
    if (!view) return;
    res.json({
      success: true,
      ...renderSubscription(latest, {
        chargeDetail: view.chargeDetail,
        excludeRatePlansWithNoCharges: view.exclude,
        today: store.today(),
        isLatestVersion: true,
        segmentShape: segmentShape(),
      }),
    });
  });

  return router;
}
