import { readTracingConfig } from './tracing-config';

describe('readTracingConfig', () => {
  it('is off with no OTLP endpoint', () => {
    expect(readTracingConfig({}, 'gateway')).toEqual({ enabled: false });
  });

  it('is on with an endpoint, named after the service unless OTEL_SERVICE_NAME says otherwise', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(readTracingConfig(endpoint, 'zuora-sync')).toEqual({
      enabled: true,
      serviceName: 'zuora-sync',
    });
    expect(
      readTracingConfig({ ...endpoint, OTEL_SERVICE_NAME: 'subsync-zuora' }, 'zuora-sync'),
    ).toEqual({ enabled: true, serviceName: 'subsync-zuora' });
    expect(
      readTracingConfig(
        { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector/v1/traces' },
        'gateway',
      ),
    ).toEqual({ enabled: true, serviceName: 'gateway' });
  });

  it('is off when OTEL_SDK_DISABLED is true, endpoint or not', () => {
    expect(
      readTracingConfig(
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' },
        'gateway',
      ),
    ).toEqual({ enabled: false });
  });

  it('names the variable of an endpoint that is not an http(s) URL', () => {
    expect(() =>
      readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'gateway'),
    ).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must (be a URL|use http: or https:)/);
    expect(() =>
      readTracingConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://c:4317' }, 'gateway'),
    ).toThrow(/OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must use http: or https:/);
  });
});
