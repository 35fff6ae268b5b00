// Renders every overlay with `kubectl kustomize`, validates every object against the Kubernetes OpenAPI schemas
// (kubernetes-models, plus a strict unknown-field check), and checks Portcullis' deployment invariants, some of them
// against what the applications really serve (read from their own pom.xml and application.properties).
// Usage: node check.mjs [--out DIR] OVERLAY_DIR...     Exit code 1 on any problem.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { parse as parseProperties } from 'dot-properties';
import { XMLParser } from 'fast-xml-parser';

const require = createRequire(import.meta.url);
const SCHEMAS = path.join(path.dirname(require.resolve('kubernetes-models/package.json')), '_schemas');
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// ---- what Portcullis expects ----
// The ports, and where /q/metrics is served, are not written here: served() reads them from each application.
const APPS = {
  'auth-server': { maxMemoryMi: 320 },
  'mcp-server': { maxMemoryMi: 512 },
};
// Public paths each Ingress must route to its application (the MCP endpoint itself comes from PORTCULLIS_RESOURCE)
const PUBLIC_PATHS = {
  'auth-server': ['/.well-known/oauth-authorization-server', '/authorize', '/token', '/register', '/jwks', '/revoke'],
  'mcp-server': ['/.well-known/oauth-protected-resource'],
};
const APP_USER = 185;
// Secrets the operator creates (never rendered in prod); every other reference must resolve inside the render
const EXTERNAL_SECRETS = new Set(['portcullis-db', 'portcullis-keys', 'portcullis-bootstrap', 'auth-server-tls', 'mcp-server-tls']);
// env variables that must come from a Secret
const SECRET_ENV = ['QUARKUS_DATASOURCE_JDBC_URL', 'QUARKUS_DATASOURCE_USERNAME', 'QUARKUS_DATASOURCE_PASSWORD',
  'PORTCULLIS_KEY_ENCRYPTION_KEY'];
const SECRETISH_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|ENCRYPTION_KEY|PRIVATE_KEY|API_KEY|CREDENTIALS?|JDBC_URL)$/i;
const POSTGRES_PORT = 5432;

// ---- what the applications really serve ----
// Read from the application's own pom.xml and application.properties, then overridden as Quarkus would be by the
// container's environment (env, and envFrom ConfigMaps of the render): so that the Deployment's ports, scrape
// annotations and NetworkPolicies are checked against the application, not against a copy of its settings.
// Profile: prod (%prod. keys win over plain ones); QUARKUS_PROFILE is not looked at.
const sources = new Map();
function appSource(app) {
  if (!sources.has(app)) {
    const pom = new XMLParser({ isArray: (name) => name === 'dependency' })
      .parse(fs.readFileSync(path.join(REPO, app, 'pom.xml'), 'utf8'));
    // only the project's own dependencies: a profile's (Jib) are not in the default build
    const artifacts = (pom.project?.dependencies?.dependency ?? []).map((d) => d.artifactId);
    const props = parseProperties(fs.readFileSync(path.join(REPO, app, 'src/main/resources/application.properties'), 'utf8'));
    sources.set(app, { prometheus: artifacts.includes('quarkus-micrometer-registry-prometheus'), props });
  }
  return sources.get(app);
}
// MicroProfile Config's environment variable for a property: every non-alphanumeric becomes _, upper case
const envName = (key) => key.replace(/[^A-Za-z0-9]/g, '_').toUpperCase();
function containerEnv(c, configMaps) {
  const env = {};
  for (const e of c.envFrom ?? []) {
    const data = e.configMapRef && configMaps.find((x) => x.metadata.name === e.configMapRef.name)?.data;
    for (const [k, v] of Object.entries(data ?? {})) env[`${e.prefix ?? ''}${k}`] = v;
  }
  for (const e of c.env ?? []) env[e.name] = e.value ?? null; // null: from a Secret or the downward API, unknown here
  return env;
}
const joinPath = (root, p) => (p.startsWith('/') ? p : `${root.replace(/\/+$/, '')}/${p}`);
function served(app, c, configMaps) {
  const { prometheus, props } = appSource(app);
  const env = containerEnv(c, configMaps);
  const get = (key, fallback) => {
    const fromEnv = env[envName(key)];
    return String(fromEnv !== undefined ? fromEnv : props[`%prod.${key}`] ?? props[key] ?? fallback);
  };
  // Quarkus' defaults: port 8080 on 0.0.0.0 in prod; management interface off, else port 9000 under /q;
  // non-application endpoints under /q of quarkus.http.root-path; Prometheus at metrics under it
  const management = get('quarkus.management.enabled', 'false') === 'true';
  const root = management
    ? get('quarkus.management.root-path', '/q')
    : joinPath(get('quarkus.http.root-path', '/'), get('quarkus.http.non-application-root-path', 'q'));
  const metrics = prometheus && get('quarkus.micrometer.enabled', 'true') !== 'false'
    && get('quarkus.micrometer.export.prometheus.enabled', 'true') !== 'false';
  const httpPort = Number(get('quarkus.http.port', '8080'));
  const managementPort = management ? Number(get('quarkus.management.port', '9000')) : undefined;
  return {
    httpPort,
    httpHost: get('quarkus.http.host', '0.0.0.0'),
    managementPort,
    managementHost: management ? get('quarkus.management.host', '0.0.0.0') : undefined,
    metrics,
    metricsPath: joinPath(root, get('quarkus.micrometer.export.prometheus.path', 'metrics')),
    metricsPort: management ? managementPort : httpPort,
  };
}

// ---- results ----
let passed = 0;
const failures = [];
function check(scope, name, ok, detail = '') {
  if (ok) passed++;
  else failures.push(`${scope}: ${name}${detail ? ` (${detail})` : ''}`);
  return ok;
}

// ---- schema validation ----
const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1);
function schemaFile(obj) {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['core', obj.apiVersion];
  return path.join(SCHEMAS, `IoK8sApi${pascal(group.split('.')[0])}${pascal(version)}${obj.kind}.js`);
}

// Proxies record every property the generated validator looks at; what it never looked at is unknown to the schema
// (the API server rejects unknown fields; kubernetes-models' schemas alone let them through).
function tracked(root) {
  const reads = new Map();
  const proxies = new WeakMap();
  const wrap = (o) => {
    if (o === null || typeof o !== 'object') return o;
    if (proxies.has(o)) return proxies.get(o);
    const seen = new Set();
    reads.set(o, seen);
    const mark = (k) => { if (typeof k === 'string') seen.add(k); };
    const p = new Proxy(o, {
      get(t, k, r) { mark(k); return wrap(Reflect.get(t, k, r)); },
      has(t, k) { mark(k); return Reflect.has(t, k); },
      ownKeys(t) { Reflect.ownKeys(t).forEach(mark); return Reflect.ownKeys(t); },
      getOwnPropertyDescriptor(t, k) { mark(k); return Reflect.getOwnPropertyDescriptor(t, k); },
    });
    proxies.set(o, p);
    return p;
  };
  return { proxy: wrap(root), reads };
}
function unknownFields(value, reads, at) {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownFields(v, reads, `${at}[${i}]`));
  const seen = reads.get(value) ?? new Set();
  return Object.keys(value).flatMap((k) => (seen.has(k) ? unknownFields(value[k], reads, `${at}.${k}`) : [`${at}.${k}`]));
}
function validateSchema(obj, scope) {
  const file = schemaFile(obj);
  if (!check(scope, 'known apiVersion/kind', fs.existsSync(file), `${obj.apiVersion} ${obj.kind}`)) return;
  const { validate } = require(file);
  const { proxy, reads } = tracked(obj);
  const valid = validate(proxy);
  const errors = [...new Set((validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`))];
  check(scope, 'matches the Kubernetes schema', valid, errors.slice(0, 4).join('; '));
  if (valid) {
    const unknown = unknownFields(obj, reads, '');
    check(scope, 'has no fields unknown to the schema', unknown.length === 0, unknown.join(', '));
  }
}

// ---- helpers ----
const id = (o) => `${o.kind}/${o.metadata.name}`;
const podSpec = (o) => o.spec?.template?.spec;
const containers = (o) => [...(podSpec(o)?.initContainers ?? []), ...(podSpec(o)?.containers ?? [])];
const templateLabels = (o) => o.spec?.template?.metadata?.labels ?? {};
function selects(selector, labels) {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}
function memoryMi(q) {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)?$/.exec(String(q ?? ''));
  if (!m) return NaN;
  const f = { Ki: 1 / 1024, Mi: 1, Gi: 1024, K: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576 }[m[2]] ?? 1 / 1048576;
  return Number(m[1]) * f;
}
const envOf = (c, name) => (c.env ?? []).find((e) => e.name === name);
const appOf = (o) => templateLabels(o)['app.kubernetes.io/name'];
// Whether an Ingress path sends `request` to its backend (networking.k8s.io/v1 pathType): Exact is equality, Prefix
// matches whole path elements; ImplementationSpecific is read as a plain string prefix, the wider of ingress-nginx's
// readings short of regular expressions.
function ingressRoutes(p, request) {
  const type = p.pathType ?? 'ImplementationSpecific';
  const at = p.path ?? '/';
  if (type === 'Exact') return at === request;
  if (type === 'Prefix') {
    const elements = (s) => s.split('/').filter(Boolean);
    const want = elements(request);
    return elements(at).every((e, i) => want[i] === e);
  }
  return request.startsWith(at);
}
const portAllows = (ports, port, names) => !ports || ports.length === 0
  || ports.some((p) => (p.protocol ?? 'TCP') === 'TCP' && (p.port === port || names.includes(p.port)));

// ---- invariants of one rendered overlay ----
function checkOverlay(name, objects) {
  const prod = name === 'prod';
  const byKind = (k) => objects.filter((o) => o.kind === k);
  const deployments = byKind('Deployment');
  const workloads = [...deployments, ...byKind('StatefulSet')];
  const hpas = byKind('HorizontalPodAutoscaler');
  const pdbs = byKind('PodDisruptionBudget');
  const services = byKind('Service');
  const policies = byKind('NetworkPolicy');
  const configMaps = byKind('ConfigMap');
  const secrets = byKind('Secret');
  const S = (o) => `${name} ${id(o)}`;

  // namespace
  const ns = byKind('Namespace');
  if (check(name, 'declares exactly one Namespace', ns.length === 1)) {
    const bad = objects.filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== ns[0].metadata.name);
    check(name, `every object is in namespace ${ns[0].metadata.name}`, bad.length === 0, bad.map(id).join(', '));
  }

  // what each application serves, with the environment of its Deployment's container of the same name
  const serves = {};
  for (const app of Object.keys(APPS)) {
    const c = containers(deployments.find((d) => d.metadata.name === app) ?? {}).find((x) => x.name === app);
    if (check(name, `has Deployment ${app} with a container ${app}`, Boolean(c))) serves[app] = served(app, c, configMaps);
  }

  for (const w of workloads) {
    const s = S(w);
    const spec = podSpec(w);
    const app = APPS[w.metadata.name];
    const sv = serves[w.metadata.name];
    check(s, 'selector matches its pod template labels', selects(w.spec.selector, templateLabels(w)));
    check(s, 'does not mount a service account token', spec.automountServiceAccountToken === false);
    // pod security context
    const psc = spec.securityContext ?? {};
    check(s, 'pod securityContext.runAsNonRoot is true', psc.runAsNonRoot === true);
    for (const c of containers(w)) {
      const cs = `${s} container ${c.name}`;
      const sc = c.securityContext ?? {};
      const user = sc.runAsUser ?? psc.runAsUser;
      check(cs, 'runs as a non-root uid', Number.isInteger(user) && user > 0, `runAsUser ${user}`);
      if (app) check(cs, `runs as uid ${APP_USER} (Quarkus images)`, user === APP_USER, `runAsUser ${user}`);
      check(cs, 'allowPrivilegeEscalation is false', sc.allowPrivilegeEscalation === false);
      check(cs, 'drops ALL capabilities', (sc.capabilities?.drop ?? []).includes('ALL'));
      check(cs, 'adds no capabilities', !(sc.capabilities?.add ?? []).length);
      check(cs, 'is not privileged', sc.privileged !== true);
      check(cs, 'readOnlyRootFilesystem is true', sc.readOnlyRootFilesystem === true);
      check(cs, 'seccompProfile RuntimeDefault', (sc.seccompProfile ?? psc.seccompProfile)?.type === 'RuntimeDefault');
      const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
      const tmpVol = tmp && (spec.volumes ?? []).find((v) => v.name === tmp.name);
      check(cs, 'has an emptyDir at /tmp', Boolean(tmpVol?.emptyDir));
      // resources
      for (const kind of ['requests', 'limits']) {
        for (const r of ['cpu', 'memory']) check(cs, `sets resources.${kind}.${r}`, c.resources?.[kind]?.[r] !== undefined);
      }
      // probes
      const ports = c.ports ?? [];
      for (const [probe, endpoint] of [['startupProbe', 'started'], ['livenessProbe', 'live'], ['readinessProbe', 'ready']]) {
        const p = c[probe];
        if (!check(cs, `has a ${probe}`, Boolean(p))) continue;
        if (app) {
          check(cs, `${probe} is GET /q/health/${endpoint}`, p.httpGet?.path === `/q/health/${endpoint}`, JSON.stringify(p.httpGet));
          const port = p.httpGet?.port;
          check(cs, `${probe} port is a container port`, ports.some((cp) => cp.name === port || cp.containerPort === port), String(port));
        }
      }
      // image
      const image = c.image ?? '';
      check(cs, 'image has a tag or digest, not latest', /[:@]/.test(image.split('/').pop()) && !image.endsWith(':latest'), image);
      if (app) check(cs, `image is ghcr.io/portcullis/${w.metadata.name}`, image.startsWith(`ghcr.io/portcullis/${w.metadata.name}:`) || image.startsWith(`ghcr.io/portcullis/${w.metadata.name}@`), image);
      // no secret values in the Deployment
      for (const e of c.env ?? []) {
        if (SECRETISH_NAME.test(e.name) || SECRET_ENV.includes(e.name) || e.name.startsWith('POSTGRES_')) {
          if (e.name === 'POSTGRES_DB' || e.name === 'PGDATA') continue;
          check(cs, `env ${e.name} comes from a Secret`, e.value === undefined && Boolean(e.valueFrom?.secretKeyRef));
        }
        if (e.value !== undefined) {
          check(cs, `env ${e.name} holds no credential`, !/(password|passwd|secret)\s*[=:]|:\/\/[^/\s:@]+:[^/\s@]+@/i.test(e.value));
        }
      }
      // JVM memory
      if (app) {
        for (const e of SECRET_ENV.filter(() => w.metadata.name === 'auth-server')) {
          check(cs, `sets ${e} from a Secret`, Boolean(envOf(c, e)?.valueFrom?.secretKeyRef));
        }
        const opts = envOf(c, 'JAVA_TOOL_OPTIONS')?.value ?? '';
        const pct = /-XX:MaxRAMPercentage=(\d+(?:\.\d+)?)/.exec(opts);
        check(cs, 'JAVA_TOOL_OPTIONS sets -XX:MaxRAMPercentage', Boolean(pct));
        check(cs, 'JAVA_MAX_RAM_RATIO agrees with it (run-java.sh)', pct && Number(envOf(c, 'JAVA_MAX_RAM_RATIO')?.value) === Number(pct[1]));
        const limit = memoryMi(c.resources?.limits?.memory);
        check(cs, `memory limit ≤ ${app.maxMemoryMi} MiB`, limit <= app.maxMemoryMi, c.resources?.limits?.memory);
        check(cs, 'memory request equals the limit (no overcommit of a JVM)', memoryMi(c.resources?.requests?.memory) === limit);
        if (pct) check(cs, 'heap (MaxRAMPercentage × limit) leaves ≥ 160 MiB for the rest of the JVM', limit * (1 - Number(pct[1]) / 100) >= 160);
      }
      if (app && sv && c.name === w.metadata.name) {
        check(cs, `declares the port the application listens on (${sv.httpPort}) as http`, ports.some((p) => p.containerPort === sv.httpPort && p.name === 'http'));
        check(cs, 'the application listens on the pod address (quarkus.http.host 0.0.0.0)', sv.httpHost === '0.0.0.0', sv.httpHost);
      }
    }
    // replicas, PDB, Service
    const hpa = hpas.find((h) => h.spec.scaleTargetRef.kind === w.kind && h.spec.scaleTargetRef.name === w.metadata.name);
    const minReplicas = hpa ? hpa.spec.minReplicas ?? 1 : w.spec.replicas ?? 1;
    if (hpa) check(s, 'leaves spec.replicas to its HorizontalPodAutoscaler', w.spec.replicas === undefined);
    if (prod && w.kind === 'Deployment') check(s, 'runs at least 2 replicas in prod', minReplicas >= 2, `min ${minReplicas}`);
    if (w.kind === 'Deployment') {
      const pdb = pdbs.filter((p) => selects(p.spec.selector, templateLabels(w)));
      check(s, 'has exactly one PodDisruptionBudget', pdb.length === 1, `${pdb.length}`);
      if (pdb.length === 1 && pdb[0].spec.minAvailable !== undefined) {
        check(s, 'its PodDisruptionBudget still allows an eviction', Number(pdb[0].spec.minAvailable) < minReplicas);
      }
      check(s, 'has a Service', services.some((svc) => svc.spec.selector && selects({ matchLabels: svc.spec.selector }, templateLabels(w))));
    }
    // volumes: PVCs exist; a shared PVC of a multi-replica workload must be ReadWriteMany
    const maxReplicas = hpa ? hpa.spec.maxReplicas : w.spec.replicas ?? 1;
    for (const v of spec.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const pvc = objects.find((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === v.persistentVolumeClaim.claimName);
      if (!check(s, `PersistentVolumeClaim ${v.persistentVolumeClaim.claimName} exists`, Boolean(pvc))) continue;
      if (maxReplicas > 1) check(s, `PVC ${pvc.metadata.name} is ReadWriteMany (up to ${maxReplicas} replicas share it)`, pvc.spec.accessModes.includes('ReadWriteMany'));
    }
    // references to Secrets and ConfigMaps resolve
    for (const c of containers(w)) {
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && !ref.optional) {
          const local = secrets.find((x) => x.metadata.name === ref.name);
          check(s, `Secret ${ref.name} is rendered or created by the operator`, local ? Object.hasOwn(local.data ?? {}, ref.key) : EXTERNAL_SECRETS.has(ref.name), ref.key);
        }
        const cref = e.valueFrom?.configMapKeyRef;
        if (cref && !cref.optional) check(s, `ConfigMap ${cref.name} exists`, configMaps.some((x) => x.metadata.name === cref.name && Object.hasOwn(x.data ?? {}, cref.key)));
      }
      for (const e of c.envFrom ?? []) {
        if (e.configMapRef && !e.configMapRef.optional) check(s, `ConfigMap ${e.configMapRef.name} exists`, configMaps.some((x) => x.metadata.name === e.configMapRef.name));
        if (e.secretRef) check(s, 'takes no Secret wholesale (envFrom secretRef)', false, e.secretRef.name);
      }
    }
    // Prometheus: the scrape annotations name what the application really serves, and only that
    if (sv) {
      const a = w.spec.template.metadata.annotations ?? {};
      const c = containers(w).find((x) => x.name === w.metadata.name);
      if (sv.metrics) {
        check(s, `is scraped by Prometheus (prometheus.io/scrape, ${sv.metricsPath} on ${sv.metricsPort}, as the application serves it)`,
          a['prometheus.io/scrape'] === 'true' && a['prometheus.io/path'] === sv.metricsPath && Number(a['prometheus.io/port']) === sv.metricsPort,
          `${a['prometheus.io/path']} on ${a['prometheus.io/port']}`);
      } else {
        check(s, 'is not scraped (the application serves no Prometheus metrics)', a['prometheus.io/scrape'] !== 'true');
      }
      if (sv.managementPort !== undefined) {
        const cs = `${s} container ${c.name}`;
        check(cs, `declares the management port ${sv.managementPort}`, (c.ports ?? []).some((p) => p.containerPort === sv.managementPort && p.name === 'management'));
        check(cs, 'binds the management interface to the pod address (QUARKUS_MANAGEMENT_HOST=0.0.0.0)', sv.managementHost === '0.0.0.0', sv.managementHost);
      }
    }
  }

  // ConfigMaps hold no secrets
  for (const cm of configMaps) {
    for (const [k, v] of Object.entries(cm.data ?? {})) {
      check(S(cm), `key ${k} is not a secret`, !SECRETISH_NAME.test(k) && !/(password|secret)\s*[=:]/i.test(v));
    }
  }
  // Secrets: none in prod (the operator creates them); obviously-dev values elsewhere
  if (prod) check(name, 'renders no Secret (they are created by the operator)', secrets.length === 0, secrets.map(id).join(', '));
  for (const sec of secrets) {
    for (const [k, v] of Object.entries(sec.data ?? {})) {
      if (!/password|key|secret|token/i.test(k)) continue;
      const plain = Buffer.from(v, 'base64').toString('utf8');
      // a key is itself base64 (of 32 bytes): look inside it too
      check(S(sec), `${k} is an obviously-dev value`, /dev-only/.test(plain) || /dev-only/.test(Buffer.from(plain, 'base64').toString('utf8')));
    }
  }

  // HPA for mcp-server
  const mcpHpa = hpas.find((h) => h.spec.scaleTargetRef.name === 'mcp-server');
  if (check(name, 'has a HorizontalPodAutoscaler for mcp-server', Boolean(mcpHpa))) {
    check(name, 'the HPA is autoscaling/v2 and targets Deployment mcp-server', mcpHpa.apiVersion === 'autoscaling/v2' && mcpHpa.spec.scaleTargetRef.kind === 'Deployment');
    check(name, 'the HPA has minReplicas ≤ maxReplicas and a metric', (mcpHpa.spec.minReplicas ?? 1) <= mcpHpa.spec.maxReplicas && (mcpHpa.spec.metrics ?? []).length > 0);
  }

  // Services point at container ports
  for (const svc of services) {
    const targets = workloads.filter((w) => selects({ matchLabels: svc.spec.selector ?? {} }, templateLabels(w)));
    if (!check(S(svc), 'selects a workload', targets.length > 0)) continue;
    for (const p of svc.spec.ports) {
      const tp = p.targetPort ?? p.port;
      check(S(svc), `targetPort ${tp} is a container port`, targets.every((w) => containers(w).some((c) => (c.ports ?? []).some((cp) => cp.name === tp || cp.containerPort === tp))));
    }
  }

  // Ingress: TLS for every host, backends exist, MCP session affinity
  const ingresses = byKind('Ingress');
  const hostOf = {};
  const routedTo = {}; // app -> Ingress paths that reach it
  for (const ing of ingresses) {
    check(S(ing), 'sets ingressClassName', Boolean(ing.spec.ingressClassName));
    const tlsHosts = (ing.spec.tls ?? []).flatMap((t) => (t.secretName ? t.hosts ?? [] : []));
    for (const rule of ing.spec.rules ?? []) {
      check(S(ing), `host ${rule.host} has TLS`, Boolean(rule.host) && tlsHosts.includes(rule.host));
      for (const p of rule.http?.paths ?? []) {
        const b = p.backend.service;
        const svc = services.find((x) => x.metadata.name === b?.name);
        check(S(ing), `backend ${b?.name} is a Service port`, Boolean(svc && svc.spec.ports.some((sp) => sp.name === b.port.name || sp.port === b.port.number)));
        if (svc) {
          hostOf[svc.metadata.name] = rule.host;
          (routedTo[svc.metadata.name] ??= []).push(p);
        }
      }
    }
    if (ing.metadata.name === 'mcp-server') {
      const hash = ing.metadata.annotations?.['nginx.ingress.kubernetes.io/upstream-hash-by'];
      check(S(ing), 'keeps an MCP client on one replica (upstream-hash-by)', Boolean(hash));
      // initialize carries no Mcp-Session-Id, so a key made of it alone cannot find the replica holding the session
      check(S(ing), 'hashes on something initialize already carries (not $http_mcp_session_id alone)', Boolean(hash) && hash.replace(/\$\{?http_mcp_session_id\}?/g, '').trim() !== '');
    }
  }
  for (const app of Object.keys(APPS)) check(name, `${app} is exposed by an Ingress`, Boolean(hostOf[app]));
  const published = (app, request) => (routedTo[app] ?? []).some((p) => ingressRoutes(p, request));

  // configuration agrees with the Ingress hosts
  const env = (app) => {
    const d = deployments.find((x) => x.metadata.name === app);
    const cm = d && configMaps.find((x) => x.metadata.name === d.spec.template.spec.containers[0].envFrom?.[0]?.configMapRef?.name);
    return cm?.data ?? {};
  };
  const auth = env('auth-server');
  const mcp = env('mcp-server');
  check(name, 'PORTCULLIS_ISSUER is https://<auth-server Ingress host>', auth.PORTCULLIS_ISSUER === `https://${hostOf['auth-server']}`, auth.PORTCULLIS_ISSUER);
  check(name, 'PORTCULLIS_RESOURCE is https://<mcp-server Ingress host>/mcp', mcp.PORTCULLIS_RESOURCE === `https://${hostOf['mcp-server']}/mcp`, mcp.PORTCULLIS_RESOURCE);
  check(name, 'auth-server issues tokens for PORTCULLIS_RESOURCE', (auth.PORTCULLIS_RESOURCES ?? '').split(',').includes(mcp.PORTCULLIS_RESOURCE));
  check(name, 'mcp-server trusts PORTCULLIS_ISSUER', (mcp.PORTCULLIS_AUTHORIZATION_SERVERS ?? '').split(',').includes(auth.PORTCULLIS_ISSUER));
  // what the Ingresses publish: the public endpoints, and never the metrics
  const mcpPath = mcp.PORTCULLIS_RESOURCE ? new URL(mcp.PORTCULLIS_RESOURCE).pathname : undefined;
  for (const [app, paths] of Object.entries(PUBLIC_PATHS)) {
    for (const p of [...paths, ...(app === 'mcp-server' && mcpPath ? [mcpPath, `${mcpPath}/sse`, `/.well-known/oauth-protected-resource${mcpPath}`] : [])]) {
      check(name, `an Ingress routes ${p} to ${app}`, published(app, p));
    }
  }
  for (const [app, sv] of Object.entries(serves).filter(([, x]) => x.metrics && x.metricsPort === x.httpPort)) {
    // metrics on the public port (no management interface): only the Ingress' paths keep them private
    check(name, `no Ingress publishes ${app}'s ${sv.metricsPath} (served on its public port ${sv.httpPort})`, !published(app, sv.metricsPath));
  }

  // NetworkPolicies
  const ingressPolicies = policies.filter((p) => (p.spec.policyTypes ?? ['Ingress']).includes('Ingress'));
  const egressPolicies = policies.filter((p) => (p.spec.policyTypes ?? []).includes('Egress') || (p.spec.egress && !p.spec.policyTypes));
  check(name, 'denies all ingress by default', ingressPolicies.some((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && !(p.spec.ingress ?? []).length));
  const labelsOf = (n) => templateLabels(workloads.find((w) => w.metadata.name === n) ?? {});
  const admits = (targetLabels, port, portNames, from) => ingressPolicies
    .filter((p) => selects(p.spec.podSelector, targetLabels))
    .some((p) => (p.spec.ingress ?? []).some((r) => portAllows(r.ports, port, portNames) && (!r.from || r.from.length === 0 || r.from.some(from))));
  const fromPods = (labels) => (peer) => !peer.namespaceSelector && !peer.ipBlock && selects(peer.podSelector, labels);
  const fromNamespace = (nsName) => (peer) => !peer.podSelector && !peer.ipBlock && selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': nsName });
  for (const [app, sv] of Object.entries(serves)) {
    check(name, `the ingress controller reaches ${app}`, admits(labelsOf(app), sv.httpPort, ['http'], fromNamespace('ingress-nginx')));
    if (sv.metrics) {
      check(name, `Prometheus reaches ${app}'s metrics port ${sv.metricsPort}`, admits(labelsOf(app), sv.metricsPort, sv.managementPort === undefined ? ['http'] : ['management'], fromNamespace('monitoring')));
    }
  }
  for (const [app, conf] of Object.entries(serves).filter(([, c]) => c.managementPort !== undefined)) {
    check(name, `the ingress controller cannot reach the management port of ${app}`, !admits(labelsOf(app), conf.managementPort, ['management'], fromNamespace('ingress-nginx')));
    for (const other of Object.keys(APPS).filter((x) => x !== app)) {
      check(name, `${other} cannot reach the management port of ${app}`, !admits(labelsOf(app), conf.managementPort, ['management'], fromPods(labelsOf(other))));
    }
    for (const svc of services.filter((x) => x.spec.selector && selects({ matchLabels: x.spec.selector }, labelsOf(app)))) {
      check(S(svc), `does not expose the management port of ${app}`, !svc.spec.ports.some((p) => [conf.managementPort, 'management'].includes(p.targetPort ?? p.port)));
    }
  }
  const authPort = serves['auth-server']?.httpPort;
  check(name, 'mcp-server reaches auth-server (JWKS)', admits(labelsOf('auth-server'), authPort, ['http'], fromPods(labelsOf('mcp-server'))));
  const mcpEgress = egressPolicies.filter((p) => selects(p.spec.podSelector, labelsOf('mcp-server')));
  if (mcpEgress.length) {
    check(name, 'mcp-server egress allows auth-server', mcpEgress.some((p) => (p.spec.egress ?? []).some((r) => portAllows(r.ports, authPort, ['http']) && (r.to ?? []).some(fromPods(labelsOf('auth-server'))))));
  }
  // PostgreSQL: reachable from auth-server only
  const postgres = workloads.filter((w) => appOf(w) === 'postgres' || containers(w).some((c) => /(^|\/)postgres(:|@|$)/.test(c.image)));
  for (const pg of postgres) {
    const selecting = ingressPolicies.filter((p) => selects(p.spec.podSelector, templateLabels(pg)));
    check(S(pg), 'is isolated by an ingress NetworkPolicy', selecting.length > 0);
    const rules = selecting.flatMap((p) => p.spec.ingress ?? []).filter((r) => portAllows(r.ports, POSTGRES_PORT, ['postgres']));
    const onlyAuth = rules.every((r) => (r.from ?? []).length > 0 && r.from.every((peer) => fromPods(labelsOf('auth-server'))(peer)
      && workloads.filter((w) => w.metadata.name !== 'auth-server').every((w) => !selects(peer.podSelector, templateLabels(w)))));
    check(S(pg), 'admits PostgreSQL connections from auth-server only', rules.length > 0 && onlyAuth);
  }
  // every other workload cannot open a PostgreSQL connection at all (this also covers an external database)
  for (const w of workloads.filter((x) => x.metadata.name !== 'auth-server' && !postgres.includes(x))) {
    const selecting = egressPolicies.filter((p) => selects(p.spec.podSelector, templateLabels(w)));
    const rules = selecting.flatMap((p) => p.spec.egress ?? []).filter((r) => portAllows(r.ports, POSTGRES_PORT, ['postgres']));
    check(S(w), `cannot reach PostgreSQL (egress to TCP ${POSTGRES_PORT} denied)`, selecting.length > 0 && rules.length === 0);
  }
}

// ---- rendering ----
function parseYamlDocuments(text) {
  // YAML 1.1, as kubectl reads manifests: an unquoted on/off/yes/no is a boolean there, and the schema check
  // then rejects it where Kubernetes wants a string (annotations, env values)
  const docs = YAML.parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true, version: '1.1' });
  const errors = docs.flatMap((d) => d.errors.map((e) => e.message));
  if (errors.length) throw new Error(errors.join('; '));
  return docs.map((d) => d.toJS({ maxAliasCount: 0 })).filter((v) => v !== null && v !== undefined);
}
function render(dir, scope) {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const stderr = (run.error?.message ?? run.stderr ?? '').trim();
  if (!check(scope, '`kubectl kustomize` renders it', run.status === 0, stderr.split('\n')[0])) return undefined;
  // kustomize warns of deprecated fields on stderr (patchesJson6902, commonLabels, ...)
  check(scope, '`kubectl kustomize` prints no warning', stderr === '', stderr.split('\n')[0]);
  return run.stdout;
}

// ---- main ----
const args = process.argv.slice(2);
let out;
if (args[0] === '--out') { out = args[1]; args.splice(0, 2); }
if (!args.length) { console.error('usage: node check.mjs [--out DIR] OVERLAY_DIR...'); process.exit(2); }
const lines = [];
for (const dir of args) {
  const name = path.basename(path.resolve(dir));
  const before = failures.length;
  const yaml = render(dir, name);
  let objects;
  try {
    objects = yaml === undefined ? undefined : parseYamlDocuments(yaml);
  } catch (e) {
    check(name, 'its rendering is YAML that kubectl reads', false, e.message);
  }
  if (!objects) {
    lines.push(`  overlays/${name}: does not render`);
    continue;
  }
  if (out) { fs.mkdirSync(out, { recursive: true }); fs.writeFileSync(path.join(out, `${name}.yaml`), yaml); }
  for (const o of objects) validateSchema(o, `${name} ${id(o)}`);
  checkOverlay(name, objects);
  const kinds = Object.entries(objects.reduce((m, o) => ({ ...m, [o.kind]: (m[o.kind] ?? 0) + 1 }), {}))
    .map(([k, n]) => (n > 1 ? `${n} ${k}` : k)).join(', ');
  lines.push(`  overlays/${name}: ${objects.length} objects (${kinds}); ${failures.length - before} problem(s)`);
}
if (failures.length) {
  console.log('Problems:');
  for (const f of failures) console.log(`  ✗ ${f}`);
}
console.log('Summary:');
for (const l of lines) console.log(l);
console.log(`deploy: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
