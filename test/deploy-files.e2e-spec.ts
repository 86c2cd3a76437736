import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { YAML11_SCHEMA, load, loadAll } from 'js-yaml';
import { AppConfig, loadAppConfig } from '@okr/platform';
import { BUILD_DIR } from './support/built-app-process';

/**
 * What can be checked of the deployment files without Docker or a cluster: they parse, every process they
 * start gets a configuration that loadAppConfig accepts (with the backends meant), the probes point at the
 * endpoints that exist, and the commands at the entry points the build emits.
 */
const ROOT = resolve(__dirname, '..');
const K8S = join(ROOT, 'deploy/k8s');
const ADMIN_TOKEN = 'deploy-files-admin-token-0123';

type Env = Record<string, string>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML (compose files, manifests), read field by field in assertions
type Yaml = any;
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
/** Compose files use YAML 1.1 merge keys (<<), as docker compose reads them. */
const compose = (path: string) =>
  load(read(path), { schema: YAML11_SCHEMA }) as { services: Record<string, Yaml>; volumes?: Record<string, unknown> };

/** Compose's ${VAR:-default} and ${VAR:?message}, with the shell variables `given` (by default OKR_ADMIN_TOKEN only). */
function interpolate(env: Record<string, unknown>, given: Env = { OKR_ADMIN_TOKEN: ADMIN_TOKEN }): Env {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [
      name,
      String(value).replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, variable: string, op?: string, arg?: string) => {
        if (given[variable] !== undefined) return given[variable];
        if (op === '?') throw new Error(`${name} needs ${variable}: ${arg}`);
        return op === '-' ? (arg ?? '') : '';
      }),
    ]),
  );
}

function k8sDocuments(): Yaml[] {
  return readdirSync(K8S)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) => loadAll(readFileSync(join(K8S, file), 'utf8')) as Yaml[]);
}

/** The Node options `npm start` runs the API with. */
const API_NODE_OPTIONS: string[] = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).config.apiNodeOptions as string)
  .split(/\s+/)
  .filter(Boolean);

describe('docker-compose.yml (production backends)', () => {
  const services = compose('docker-compose.yml').services;

  it('runs EventStoreDB 24.10 in insecure mode and MongoDB 7, both with a healthcheck and a data volume', () => {
    expect(services.eventstore.image).toBe('eventstore/eventstore:24.10');
    expect(services.eventstore.environment.EVENTSTORE_INSECURE).toBe('true');
    expect(services.mongo.image).toBe('mongo:7');
    for (const name of ['eventstore', 'mongo']) {
      expect(services[name].healthcheck.test.length).toBeGreaterThan(0);
      expect(services[name].volumes.length).toBeGreaterThan(0);
    }
    const declared = Object.keys(compose('docker-compose.yml').volumes ?? {});
    for (const service of Object.values(services)) {
      for (const volume of (service.volumes ?? []) as string[]) expect(declared).toContain(volume.split(':')[0]);
    }
  });

  it('gives two API replicas a valid configuration on EventStoreDB and MongoDB with an external projector', () => {
    const apis = Object.entries(services).filter(([, s]) => (s.command ?? []).length === 0 && s.environment?.PROJECTOR !== undefined);
    expect(apis.map(([name]) => name).sort()).toEqual(['api', 'api-2']);
    const hostPorts = new Set<string>();
    for (const [, api] of apis) {
      const config: AppConfig = loadAppConfig(interpolate(api.environment));
      expect(config).toMatchObject({
        eventStore: { kind: 'eventstoredb' },
        readStore: { kind: 'mongodb' },
        projector: 'external',
        adminToken: ADMIN_TOKEN,
      });
      expect(api.depends_on).toEqual({ eventstore: { condition: 'service_healthy' }, mongo: { condition: 'service_healthy' } });
      for (const port of api.ports as string[]) hostPorts.add(port.split(':')[0]);
    }
    expect(hostPorts.size).toBe(2);
  });

  it('refuses to start the API replicas without OKR_ADMIN_TOKEN', () => {
    for (const name of ['api', 'api-2'])
      expect(() => interpolate(services[name].environment, {})).toThrow(/OKR_ADMIN_TOKEN needs OKR_ADMIN_TOKEN: set OKR_ADMIN_TOKEN/);
  });

  it('runs two projector replicas with a health endpoint its healthcheck asks', () => {
    const projector = services.projector;
    expect(projector.command).toEqual(['node', 'dist/apps/projector/src/main.js']);
    expect(projector.deploy.replicas).toBe(2);
    const config = loadAppConfig(interpolate(projector.environment));
    expect(config).toMatchObject({ eventStore: { kind: 'eventstoredb' }, readStore: { kind: 'mongodb' }, projectorLeaseTtlMs: 15000 });
    expect(projector.healthcheck.test.join(' ')).toContain(`127.0.0.1:${config.projectorHealthPort}/health`);
  });
});

describe('docker-compose.embedded.yml', () => {
  it('runs the API alone on the embedded stores, with the projections inside, and its data in a volume', () => {
    const { api } = compose('docker-compose.embedded.yml').services;
    const config = loadAppConfig(interpolate(api.environment));
    expect(config).toMatchObject({
      eventStore: { kind: 'sqlite' },
      readStore: { kind: 'sqlite' },
      projector: 'embedded',
      dataDir: '/data',
    });
    expect(api.volumes).toEqual(['okr-data:/data']);
  });
});

describe('deploy/Dockerfile', () => {
  const dockerfile = read('deploy/Dockerfile');

  it('builds in one stage and runs production dependencies only, as a non-root user, with a healthcheck', () => {
    const stages = dockerfile.split('\n').filter((line) => line.startsWith('FROM '));
    expect(stages).toHaveLength(2);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/\nUSER node\n/);
    expect(runtime).toMatch(/\nHEALTHCHECK /);
    // The same Node options as `npm start` (package.json config.apiNodeOptions: the heap cap).
    expect(runtime).toContain(`CMD ${JSON.stringify(['node', ...API_NODE_OPTIONS, 'dist/apps/api/src/main.js'])}`.replace(/","/g, '", "'));
    expect(runtime).not.toMatch(/npm (ci|install)/);
  });

  it('copies into the build stage what `npm run build` reads: its script, the apps (the web app among them) and the libs', () => {
    const build = dockerfile.slice(0, dockerfile.lastIndexOf('\nFROM '));
    for (const folder of ['apps', 'libs', 'scripts']) expect(build).toContain(`\nCOPY ${folder} ./${folder}\n`);
    expect(read('package.json')).toContain('"build": "node scripts/build.mjs"');
  });
});

describe('deploy/k8s', () => {
  const documents = k8sDocuments();
  const byKindAndName = (kind: string, name: string) => documents.find((d) => d.kind === kind && d.metadata?.name === name);

  it('lists in kustomization.yaml every manifest but the templates (*.example.yaml), and declares no namespace', () => {
    const kustomization = load(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    const manifests = readdirSync(K8S).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml' && !f.endsWith('.example.yaml'));
    expect([...kustomization.resources].sort()).toEqual(manifests.sort());
    for (const document of documents) expect(document.metadata?.namespace).toBeUndefined();
  });

  it('gives the API and the projector a valid configuration from the ConfigMap and the Secret template', () => {
    const env: Env = { ...byKindAndName('ConfigMap', 'okr-config').data, ...byKindAndName('Secret', 'okr-secrets').stringData };
    const config = loadAppConfig(env);
    expect(config).toMatchObject({
      eventStore: { kind: 'eventstoredb' },
      readStore: { kind: 'mongodb' },
      projector: 'external',
      projectorHealthPort: 3001,
    });
    for (const [kind, name] of [
      ['Deployment', 'okr-api'],
      ['Deployment', 'okr-projector'],
      ['Job', 'okr-rebuild-read-models'],
    ]) {
      const container = byKindAndName(kind, name).spec.template.spec.containers[0];
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'okr-config' } }, { secretRef: { name: 'okr-secrets' } }]);
    }
  });

  it('runs 2+ API replicas with readiness on /api/health and liveness on /api/health/live, behind a Service', () => {
    const api = byKindAndName('Deployment', 'okr-api');
    expect(api.spec.replicas).toBeGreaterThanOrEqual(2);
    const container = api.spec.template.spec.containers[0];
    expect(container.args).toEqual(['node', ...API_NODE_OPTIONS, 'dist/apps/api/src/main.js']);
    expect(container.readinessProbe.httpGet.path).toBe('/api/health');
    expect(container.livenessProbe.httpGet.path).toBe('/api/health/live');
    expect(container.ports[0].containerPort).toBe(3000);
    const service = byKindAndName('Service', 'okr-api');
    expect(service.spec.selector).toEqual(api.spec.selector.matchLabels);
    expect(api.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
  });

  it('runs two projector replicas with liveness on their health port', () => {
    const projector = byKindAndName('Deployment', 'okr-projector');
    expect(projector.spec.replicas).toBe(2);
    const container = projector.spec.template.spec.containers[0];
    expect(container.args).toEqual(['node', 'dist/apps/projector/src/main.js']);
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.ports[0].containerPort).toBe(Number(byKindAndName('ConfigMap', 'okr-config').data.PROJECTOR_HEALTH_PORT));
  });

  it('starts entry points that the build emits', () => {
    const commands = [
      ...documents
        .filter((d) => d.kind === 'Deployment' || d.kind === 'Job')
        .map((d) => d.spec.template.spec.containers[0].args as string[]),
      compose('docker-compose.yml').services.projector.command as string[],
      JSON.parse(/\nCMD (\[.*\])/.exec(read('deploy/Dockerfile'))![1]) as string[],
    ];
    for (const command of commands) {
      const [node] = command;
      const script = command.filter((arg) => !arg.startsWith('--'))[1];
      expect(node).toBe('node');
      // dist/ in the image is what `npm run build` writes (BUILD_DIR: that, or OKR_E2E_DIST).
      expect(existsSync(join(BUILD_DIR, script.replace(/^dist\//, '')))).toBe(true);
    }
  });
});
