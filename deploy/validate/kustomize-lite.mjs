// kustomize-lite: renders a kustomization directory offline, for the subset of kustomize that deploy/ uses.
//
// Supported kustomization fields (anything else is an error, never silently ignored):
//   resources          files and directories holding a kustomization.yaml (rendered recursively)
//   namespace          set on every namespaced object; a Namespace object is renamed to it, as kustomize does
//   labels             [{pairs, includeSelectors: false, includeTemplates}] (selectors are never touched)
//   images             [{name, newName, newTag, digest}] on containers and initContainers of pod templates
//   replicas           [{name, count}] for Deployments and StatefulSets
//   patches            JSON 6902 patches only ({path | patch, target: {kind, name, group?, version?}})
//   configMapGenerator [{name, literals}]                  (behavior: create; content-hash name suffix)
//   secretGenerator    [{name, literals, type?}]          (behavior: create; content-hash name suffix)
// The content hash is kustomize's (sha256 of the Go-JSON encoding, 10 characters), so the output matches
// `kubectl kustomize`; validate.sh compares the two whenever kubectl is installed.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import YAML from 'yaml';

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'replicas',
  'patches', 'configMapGenerator', 'secretGenerator']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'PersistentVolume', 'StorageClass', 'PriorityClass', 'IngressClass', 'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration', 'APIService', 'RuntimeClass', 'CSIDriver']);
const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

export class KustomizeError extends Error {}

function fail(where, message) {
  throw new KustomizeError(`${where}: ${message}`);
}

export function parseYamlDocuments(text, where) {
  // YAML 1.1, as kubectl reads manifests: an unquoted on/off/yes/no is a boolean there, and the schema check
  // then rejects it where Kubernetes wants a string (annotations, env values)
  const docs = YAML.parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true, version: '1.1' });
  const out = [];
  for (const doc of docs) {
    if (doc.errors.length) fail(where, doc.errors.map((e) => e.message).join('; '));
    const value = doc.toJS({ maxAliasCount: 0 });
    if (value === null || value === undefined) continue;
    out.push(value);
  }
  return out;
}

function readKustomization(dir) {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) {
      const docs = parseYamlDocuments(fs.readFileSync(file, 'utf8'), file);
      if (docs.length !== 1 || typeof docs[0] !== 'object') fail(file, 'expected exactly one YAML mapping');
      return { file, k: docs[0] };
    }
  }
  return fail(dir, 'no kustomization.yaml');
}

const key = (o) => `${o.apiVersion}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`;

/** Renders the kustomization in `dir` into a list of plain objects. */
export function render(dir) {
  const { file, k } = readKustomization(dir);
  for (const field of Object.keys(k)) {
    if (!SUPPORTED.has(field)) fail(file, `field '${field}' is not supported by kustomize-lite (see its header)`);
  }
  if (k.kind && k.kind !== 'Kustomization') fail(file, `kind must be Kustomization, not ${k.kind}`);

  // 1. resources
  let objects = [];
  for (const entry of k.resources ?? []) {
    if (/^[a-z]+:\/\//i.test(entry) || entry.includes('?ref=')) fail(file, `remote resource ${entry} is not allowed (offline)`);
    const target = path.resolve(dir, entry);
    if (!fs.existsSync(target)) fail(file, `resource ${entry} does not exist`);
    if (fs.statSync(target).isDirectory()) {
      objects.push(...render(target));
    } else {
      for (const obj of parseYamlDocuments(fs.readFileSync(target, 'utf8'), target)) {
        if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) fail(target, 'every document needs apiVersion, kind and metadata.name');
        objects.push(obj);
      }
    }
  }

  // 2. generators
  const generated = []; // {kind, name, obj}
  for (const g of k.configMapGenerator ?? []) generated.push(generate('ConfigMap', g, file));
  for (const g of k.secretGenerator ?? []) generated.push(generate('Secret', g, file));
  objects.push(...generated.map((g) => g.obj));

  // 3. transformers, in kustomize's order: patches, namespace, labels, replicas, images
  for (const p of k.patches ?? []) applyPatch(objects, p, dir, file);
  if (k.namespace) {
    for (const o of objects) {
      if (o.kind === 'Namespace') o.metadata.name = k.namespace;
      else if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
    }
  }
  for (const l of k.labels ?? []) {
    if (l.includeSelectors) fail(file, 'labels.includeSelectors: true is not supported (selectors stay as written)');
    for (const o of objects) {
      o.metadata.labels = { ...(o.metadata.labels ?? {}), ...l.pairs };
      if (l.includeTemplates && POD_TEMPLATE_KINDS.has(o.kind) && o.spec?.template) {
        o.spec.template.metadata ??= {};
        o.spec.template.metadata.labels = { ...(o.spec.template.metadata.labels ?? {}), ...l.pairs };
      }
    }
  }
  for (const r of k.replicas ?? []) {
    const hits = objects.filter((o) => ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(o.kind) && o.metadata.name === r.name);
    if (!hits.length) fail(file, `replicas: no workload named ${r.name}`);
    for (const o of hits) o.spec.replicas = r.count;
  }
  for (const img of k.images ?? []) {
    let used = false;
    for (const o of objects) {
      for (const c of containersOf(o)) {
        const ref = parseImage(c.image);
        if (ref.name !== img.name) continue;
        used = true;
        const name = img.newName ?? ref.name;
        if (img.digest) c.image = `${name}@${img.digest}`;
        else if (img.newTag !== undefined) c.image = `${name}:${img.newTag}`;
        else c.image = `${name}${ref.tag ? ':' + ref.tag : ''}${ref.digest ? '@' + ref.digest : ''}`;
      }
    }
    if (!used) fail(file, `images: no container uses image ${img.name}`);
  }

  // 4. generated names get their content hash; references to them follow
  for (const g of generated) {
    const hashed = `${g.name}-${contentHash(g.obj)}`;
    g.obj.metadata.name = hashed;
    renameReferences(objects, g.kind, g.name, hashed, g.obj.metadata.namespace);
  }

  // 5. no duplicates
  const seen = new Set();
  for (const o of objects) {
    const id = key(o);
    if (seen.has(id)) fail(file, `duplicate object ${o.kind}/${o.metadata.name}`);
    seen.add(id);
  }
  return objects;
}

function generate(kind, g, file) {
  for (const f of Object.keys(g)) {
    if (!['name', 'literals', 'type', 'behavior'].includes(f)) fail(file, `${kind} generator field '${f}' is not supported`);
  }
  if (g.behavior && g.behavior !== 'create') fail(file, `${kind} generator behavior '${g.behavior}' is not supported`);
  const data = {};
  for (const lit of g.literals ?? []) {
    const at = lit.indexOf('=');
    if (at <= 0) fail(file, `literal '${lit.split('=')[0]}' of ${g.name} must be KEY=VALUE`);
    let value = lit.slice(at + 1);
    if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
      value = value.slice(1, -1);
    }
    data[lit.slice(0, at)] = kind === 'Secret' ? Buffer.from(value, 'utf8').toString('base64') : value;
  }
  const sorted = Object.fromEntries(Object.keys(data).sort().map((kk) => [kk, data[kk]]));
  const obj = { apiVersion: 'v1', kind, metadata: { name: g.name }, data: sorted };
  if (kind === 'Secret') obj.type = g.type ?? 'Opaque';
  return { kind, name: g.name, obj };
}

// Go's encoding/json: sorted keys, and <, >, & escaped.
function goJson(value) {
  const sortKeys = (v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((kk) => [kk, sortKeys(v[kk])]))
    : v);
  return JSON.stringify(sortKeys(value))
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

// kustomize (api/hasher) hashes the generated object with an empty name
export function contentHash(obj) {
  const m = obj.kind === 'Secret'
    ? { kind: 'Secret', type: obj.type, name: '', data: obj.data ?? {} }
    : { kind: 'ConfigMap', name: '', data: obj.data ?? {} };
  const hex = crypto.createHash('sha256').update(goJson(m)).digest('hex');
  const map = { 0: 'g', 1: 'h', 3: 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => map[c] ?? c).join('');
}

function podSpecOf(o) {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return POD_TEMPLATE_KINDS.has(o.kind) ? o.spec?.template?.spec : undefined;
}

function containersOf(o) {
  const spec = podSpecOf(o);
  return spec ? [...(spec.initContainers ?? []), ...(spec.containers ?? [])] : [];
}

function parseImage(image) {
  let rest = image;
  let digest;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag;
  if (colon > slash) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  return { name: rest, tag, digest };
}

function renameReferences(objects, kind, from, to, namespace) {
  const ref = kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef';
  const envFromRef = kind === 'Secret' ? 'secretRef' : 'configMapRef';
  for (const o of objects) {
    if ((o.metadata.namespace ?? '') !== (namespace ?? '')) continue;
    const spec = podSpecOf(o);
    if (!spec) continue;
    for (const c of containersOf(o)) {
      for (const e of c.env ?? []) if (e.valueFrom?.[ref]?.name === from) e.valueFrom[ref].name = to;
      for (const e of c.envFrom ?? []) if (e[envFromRef]?.name === from) e[envFromRef].name = to;
    }
    for (const v of spec.volumes ?? []) {
      if (kind === 'Secret' && v.secret?.secretName === from) v.secret.secretName = to;
      if (kind === 'ConfigMap' && v.configMap?.name === from) v.configMap.name = to;
      for (const s of v.projected?.sources ?? []) {
        const src = kind === 'Secret' ? s.secret : s.configMap;
        if (src?.name === from) src.name = to;
      }
    }
    if (kind === 'Secret') for (const s of spec.imagePullSecrets ?? []) if (s.name === from) s.name = to;
  }
}

function applyPatch(objects, p, dir, file) {
  for (const f of Object.keys(p)) {
    if (!['path', 'patch', 'target'].includes(f)) fail(file, `patches field '${f}' is not supported`);
  }
  if (!p.target?.kind || !p.target?.name) fail(file, 'every patch needs target.kind and target.name');
  const source = p.path ? path.resolve(dir, p.path) : `${file} (inline patch)`;
  if (p.path && !fs.existsSync(source)) fail(file, `patch file ${p.path} does not exist`);
  const text = p.path ? fs.readFileSync(source, 'utf8') : p.patch;
  const docs = parseYamlDocuments(text, source);
  if (docs.length !== 1 || !Array.isArray(docs[0])) {
    fail(source, 'only JSON 6902 patches (a YAML list of operations) are supported, not strategic merge patches');
  }
  const ops = docs[0];
  const targets = objects.filter((o) => o.kind === p.target.kind && o.metadata.name === p.target.name
    && (!p.target.group || o.apiVersion.startsWith(`${p.target.group}/`))
    && (!p.target.version || o.apiVersion.endsWith(p.target.version)));
  if (!targets.length) fail(source, `patch target ${p.target.kind}/${p.target.name} not found`);
  for (const t of targets) {
    for (const op of ops) applyOp(t, op, source);
  }
}

function pointer(ptr, source) {
  if (ptr === '') return [];
  if (!ptr.startsWith('/')) fail(source, `JSON pointer must start with '/': ${ptr}`);
  return ptr.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function applyOp(doc, op, source) {
  const where = `${source} op ${op.op} ${op.path}`;
  const parts = pointer(op.path, source);
  if (!parts.length) fail(where, 'patching the whole document is not supported');
  let parent = doc;
  for (const part of parts.slice(0, -1)) {
    const next = Array.isArray(parent) ? parent[Number(part)] : parent?.[part];
    if (next === undefined || next === null || typeof next !== 'object') fail(where, `path does not exist (at '${part}')`);
    parent = next;
  }
  const last = parts[parts.length - 1];
  const clone = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
  switch (op.op) {
    case 'add':
      if (Array.isArray(parent)) {
        if (last === '-') parent.push(clone(op.value));
        else {
          const i = Number(last);
          if (!Number.isInteger(i) || i < 0 || i > parent.length) fail(where, 'array index out of range');
          parent.splice(i, 0, clone(op.value));
        }
      } else parent[last] = clone(op.value);
      break;
    case 'replace':
      if (Array.isArray(parent) ? !(Number(last) in parent) : !(last in parent)) fail(where, 'nothing to replace');
      parent[Array.isArray(parent) ? Number(last) : last] = clone(op.value);
      break;
    case 'remove':
      if (Array.isArray(parent)) {
        if (!(Number(last) in parent)) fail(where, 'nothing to remove');
        parent.splice(Number(last), 1);
      } else {
        if (!(last in parent)) fail(where, 'nothing to remove');
        delete parent[last];
      }
      break;
    case 'test':
      if (JSON.stringify(parent[Array.isArray(parent) ? Number(last) : last]) !== JSON.stringify(op.value)) {
        fail(where, `test failed: expected ${JSON.stringify(op.value)}`);
      }
      break;
    default:
      fail(where, `operation '${op.op}' is not supported`);
  }
}

// kustomize's default ("legacy") output order, so that the YAML reads like `kubectl kustomize` output.
const ORDER = ['Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount',
  'PodSecurityPolicy', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret',
  'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget'];
const LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

export function sortLegacy(objects) {
  const rank = (o) => {
    const i = ORDER.indexOf(o.kind);
    if (i >= 0) return [0, i];
    const j = LAST.indexOf(o.kind);
    return j >= 0 ? [2, j] : [1, 0];
  };
  return [...objects].sort((a, b) => {
    const [ga, ia] = rank(a);
    const [gb, ib] = rank(b);
    if (ga !== gb) return ga - gb;
    if (ia !== ib) return ia - ib;
    return a.kind.localeCompare(b.kind) || (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '')
      || a.metadata.name.localeCompare(b.metadata.name);
  });
}

export function toYaml(objects) {
  // YAML 1.1 output quotes on/off/yes/no, which kubectl's YAML 1.1 parser would otherwise read as booleans
  return objects.map((o) => YAML.stringify(o, { lineWidth: 0, version: '1.1' })).join('---\n');
}

// CLI: node kustomize-lite.mjs DIR  → YAML on stdout (like `kustomize build DIR`)
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  try {
    process.stdout.write(toYaml(sortLegacy(render(process.argv[2] ?? '.'))));
  } catch (e) {
    console.error(`kustomize-lite: ${e.message}`);
    process.exit(1);
  }
}
