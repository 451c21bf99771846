// Structural tests of Onramp's Coder templates. Every *.tf file is parsed as HCL2 by @cdktf/hcl2json (HashiCorp's
// HCL parser compiled to WebAssembly) and the resulting JSON is checked: what Terraform would be asked to do on
// start, stop and destroy, and that every variable and parameter is declared and documented. No Terraform binary
// and no provider is needed; see README.md for what these tests cannot prove.
//
// Run: node --test test/   (from content/coder-templates; test/run.sh installs the parser first)
// CODER_TEMPLATES_DIR=<dir> points the tests at another copy of this folder (used to prove that mutations fail).

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, getReferencesInExpression } from '@cdktf/hcl2json';

const ROOT = path.resolve(process.env.CODER_TEMPLATES_DIR
  ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const CLOUD_INIT_SOURCE = path.resolve(ROOT, '..', 'cloud-init', 'vm-workspace.yaml');
const TEMPLATE_NAMES = ['kubernetes-onramp', 'exoscale-vm-kind'];

// Provider pins: source and the major version a constraint must stay within.
const EXPECTED_PROVIDERS = {
  'kubernetes-onramp': {
    coder: { source: 'coder/coder', major: 2 },
    kubernetes: { source: 'hashicorp/kubernetes', major: 3 },
    http: { source: 'hashicorp/http', major: 3 },
  },
  'exoscale-vm-kind': {
    coder: { source: 'coder/coder', major: 2 },
    exoscale: { source: 'exoscale/exoscale', major: 0 },
  },
};

// ------------------------------------------------------------------------------------------------------------------
// Loading and small helpers
// ------------------------------------------------------------------------------------------------------------------

function mergeDeep(into, from) {
  for (const [key, value] of Object.entries(from)) {
    if (Array.isArray(value)) {
      into[key] = (into[key] ?? []).concat(value);
    } else if (value && typeof value === 'object') {
      into[key] = mergeDeep(into[key] ?? {}, value);
    } else {
      into[key] = value;
    }
  }
  return into;
}

async function loadTemplate(name) {
  const dir = path.join(ROOT, name);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.tf')).sort();
  assert.ok(files.length > 0, `${name} has no .tf file`);
  const hcl = {};
  const sources = {};
  for (const file of files) {
    const source = await readFile(path.join(dir, file), 'utf8');
    sources[file] = source;
    mergeDeep(hcl, await parse(file, source)); // throws on any HCL2 syntax error
  }
  const readmePath = path.join(dir, 'README.md');
  const readme = existsSync(readmePath) ? await readFile(readmePath, 'utf8') : '';
  return { name, dir, files, sources, hcl, readme };
}

/** The blocks of one kind and type as [name, body] pairs, e.g. blocks(t, 'resource', 'coder_agent'). */
function blocks(t, kind, type) {
  const byName = t.hcl[kind]?.[type] ?? {};
  return Object.entries(byName).map(([name, list]) => {
    assert.equal(list.length, 1, `${kind} ${type}.${name} is declared ${list.length} times`);
    return [name, list[0]];
  });
}

function block(t, kind, type, name) {
  const found = t.hcl[kind]?.[type]?.[name];
  assert.ok(found, `${t.name} declares no ${kind} "${type}" "${name}"`);
  return found[0];
}

const variables = (t) => Object.fromEntries(Object.entries(t.hcl.variable ?? {}).map(([n, l]) => [n, l[0]]));
const locals = (t) => Object.assign({}, ...(t.hcl.locals ?? []));
const first = (list, what) => {
  assert.ok(Array.isArray(list) && list.length > 0, `missing ${what}`);
  return list[0];
};
const norm = (s) => String(s).replace(/\s+/g, ' ').trim();

/** Every string in a JSON tree with its path; skips lifecycle.ignore_changes (attribute names, not expressions). */
function strings(node, at = []) {
  if (typeof node === 'string') return [{ at: at.join('.'), value: node }];
  if (Array.isArray(node)) return node.flatMap((n, i) => strings(n, [...at, i]));
  if (node && typeof node === 'object') {
    return Object.entries(node)
      .filter(([k]) => k !== 'ignore_changes')
      .flatMap(([k, v]) => strings(v, [...at, k]));
  }
  return [];
}

const referenceCache = new Map();
/** References (e.g. "var.onramp_url", "data.http.x.0.body") in one HCL2 string, found by HCL's own parser. */
async function refs(value) {
  if (typeof value !== 'string' || !/(^|[^$])\$\{/.test(value)) return [];
  if (!referenceCache.has(value)) {
    referenceCache.set(value, (await getReferencesInExpression('main.tf', value)).map((r) => r.value));
  }
  return referenceCache.get(value);
}

async function allRefs(t) {
  const out = [];
  for (const { at, value } of strings(t.hcl)) {
    if (/^variable\.[^.]+\.\d+\.type(\.|$)/.test(at)) continue; // type constraints (string, list(string)), not references
    for (const ref of await refs(value)) out.push({ at, ref });
  }
  return out;
}

/** Follows references through locals and through the count of resources/data sources; true if `target` is reached. */
async function reaches(t, expression, target) {
  const allLocals = locals(t);
  const seen = new Set();
  const queue = [...(await refs(expression))];
  while (queue.length) {
    const ref = queue.shift();
    if (ref === target || ref.startsWith(`${target}.`)) return true;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const parts = ref.split('.');
    let next = [];
    if (parts[0] === 'local' && parts[1] in allLocals) {
      next = strings(allLocals[parts[1]]).map((s) => s.value);
    } else if (parts[0] === 'data' && t.hcl.data?.[parts[1]]?.[parts[2]]) {
      const b = t.hcl.data[parts[1]][parts[2]][0];
      next = strings({ count: b.count, body: b.request_body }).map((s) => s.value);
    } else if (t.hcl.resource?.[parts[0]]?.[parts[1]]) {
      next = strings({ count: t.hcl.resource[parts[0]][parts[1]][0].count }).map((s) => s.value);
    }
    for (const value of next) queue.push(...(await refs(value)));
  }
  return false;
}

function documented(readme, name) {
  return readme.includes(`\`${name}\``);
}

function expectMajor(constraint, major, what) {
  const m = /^\s*(~>|=)?\s*(\d+)\.(\d+)(\.\d+)?\s*$/.exec(constraint ?? '');
  assert.ok(m, `${what}: pin a version with "~> X.Y" or an exact version, not "${constraint}"`);
  assert.equal(Number(m[2]), major, `${what}: expected major version ${major}, got "${constraint}"`);
  if (major === 0 && m[1] === '~>' && !m[4]) {
    // "~> 0.74" allows any later 0.x; every 0.x minor may break, so at least the tested 0.74 is required.
    assert.ok(Number(m[3]) >= 74, `${what}: "${constraint}" is older than the tested 0.74`);
  }
}

// ------------------------------------------------------------------------------------------------------------------
// Tests common to both templates
// ------------------------------------------------------------------------------------------------------------------

// A template that does not parse fails its "parses" test and every other test of it, without stopping the rest.
const loaded = {};
const loadErrors = {};
before(async () => {
  for (const name of TEMPLATE_NAMES) {
    try {
      loaded[name] = await loadTemplate(name);
    } catch (e) {
      loadErrors[name] = e;
    }
  }
});
const templates = new Proxy(loaded, {
  get(target, name) {
    if (name in loadErrors) throw new Error(`${String(name)} did not load: ${loadErrors[name].message}`);
    return target[name];
  },
});

for (const name of TEMPLATE_NAMES) {
  describe(`${name}: common rules`, () => {
    test('parses as HCL2 and pins every provider to its expected source and major version', () => {
      assert.ok(!loadErrors[name], `${name} must parse as HCL2: ${loadErrors[name]?.message}`);
      const t = templates[name];
      const terraform = first(t.hcl.terraform, 'terraform block');
      const required = Object.assign({}, ...(terraform.required_providers ?? []));
      assert.deepEqual(Object.keys(required).sort(), Object.keys(EXPECTED_PROVIDERS[name]).sort());
      for (const [local, { source, major }] of Object.entries(EXPECTED_PROVIDERS[name])) {
        assert.equal(required[local].source, source, `${local} source`);
        expectMajor(required[local].version, major, `${name}: provider ${local}`);
      }
      assert.match(terraform.required_version ?? '', />=\s*1\.(5|[6-9]|\d\d)/, 'check blocks and plantimestamp/strcontains need Terraform >= 1.5');
    });

    test('every reference names something declared (var, local, data, resource)', async () => {
      const t = templates[name];
      const declaredLocals = locals(t);
      const declaredVars = variables(t);
      const builtins = new Set(['self', 'each', 'count', 'path', 'terraform']);
      const problems = [];
      for (const { at, ref } of await allRefs(t)) {
        const [root, a, b] = ref.split('.');
        if (builtins.has(root)) continue;
        if (root === 'var') {
          if (!(a in declaredVars)) problems.push(`${at}: var.${a} is not declared`);
        } else if (root === 'local') {
          if (!(a in declaredLocals)) problems.push(`${at}: local.${a} is not declared`);
        } else if (root === 'data') {
          if (!t.hcl.data?.[a]?.[b]) problems.push(`${at}: data.${a}.${b} is not declared`);
        } else if (!t.hcl.resource?.[root]?.[a]) {
          problems.push(`${at}: ${root}.${a} is not a declared resource`);
        }
      }
      assert.deepEqual(problems, []);
    });

    test('every variable and coder_parameter is documented in the template README', () => {
      const t = templates[name];
      assert.ok(t.readme.length > 0, `${name}/README.md is missing`);
      const missing = [];
      for (const v of Object.keys(variables(t))) {
        if (!documented(t.readme, v)) missing.push(`variable ${v}`);
      }
      for (const [label, p] of blocks(t, 'data', 'coder_parameter')) {
        if (!documented(t.readme, label)) missing.push(`parameter ${label}`);
        if (!documented(t.readme, p.name)) missing.push(`parameter name ${p.name}`);
      }
      assert.deepEqual(missing, [], 'document these in README.md (in `backticks`)');
    });

    test('variables that hold credentials are sensitive', () => {
      const t = templates[name];
      for (const [v, body] of Object.entries(variables(t))) {
        if (/token|secret|password|api_key|credential/i.test(v)) {
          assert.equal(body.sensitive, true, `variable ${v} must be sensitive = true`);
        }
      }
    });

    test("the agent gets the developer's Onramp token from Coder external auth, plus ONRAMP_URL and ONRAMP_WORKSPACE_ID", () => {
      const t = templates[name];
      assert.equal(block(t, 'data', 'coder_external_auth', 'onramp').id, 'onramp');
      const agents = blocks(t, 'resource', 'coder_agent');
      assert.equal(agents.length, 1, 'one coder_agent');
      const env = agents[0][1].env ?? {};
      assert.equal(env.ONRAMP_TOKEN, '${data.coder_external_auth.onramp.access_token}');
      assert.ok('ONRAMP_URL' in env, 'ONRAMP_URL in the agent env');
      assert.ok('ONRAMP_WORKSPACE_ID' in env, 'ONRAMP_WORKSPACE_ID in the agent env');
      for (const [k, v] of Object.entries(env)) {
        assert.doesNotMatch(String(v), /onramp_coder_token/, `agent env ${k} must not carry the build-hook token`);
      }
    });

    test('code-server is a coder_app of the agent, reached on localhost', () => {
      const t = templates[name];
      const apps = blocks(t, 'resource', 'coder_app');
      const codeServer = apps.find(([, a]) => a.slug === 'code-server');
      assert.ok(codeServer, 'a coder_app with slug code-server');
      assert.match(codeServer[1].agent_id, /^\$\{coder_agent\.main(\[0\])?\.id\}$/);
      assert.match(codeServer[1].url, /^http:\/\/localhost:/);
      assert.equal(codeServer[1].share, 'owner');
    });
  });
}

// ------------------------------------------------------------------------------------------------------------------
// kubernetes-onramp
// ------------------------------------------------------------------------------------------------------------------

describe('kubernetes-onramp: Onramp build hooks', () => {
  const t = () => templates['kubernetes-onramp'];
  const httpCalls = () => blocks(t(), 'data', 'http');

  test('the build-hook token is a sensitive variable used only in the Authorization header', async () => {
    const v = variables(t()).onramp_coder_token;
    assert.ok(v, 'variable onramp_coder_token');
    assert.equal(v.sensitive, true);
    const uses = (await allRefs(t())).filter(({ ref }) => ref === 'var.onramp_coder_token').map(({ at }) => at);
    assert.equal(uses.length, 1, `var.onramp_coder_token is used at ${uses.join(', ')}`);
    assert.match(uses[0], /^locals\.\d+\.onramp_headers\.Authorization$/);
    assert.equal(locals(t()).onramp_headers.Authorization, 'Bearer ${var.onramp_coder_token}');
  });

  test('every call is a POST to <onramp_url>/graphql with the service token and a guarded count', async () => {
    const l = locals(t());
    assert.equal(l.onramp_graphql_url, '${trimsuffix(var.onramp_url, "/")}/graphql');
    assert.ok(httpCalls().length >= 2, 'at least the lookup and the transition call');
    for (const [name, call] of httpCalls()) {
      assert.equal(call.method, 'POST', `${name}.method`);
      assert.equal(call.url, '${local.onramp_graphql_url}', `${name}.url`);
      assert.equal(call.request_headers, '${local.onramp_headers}', `${name}.request_headers`);
      assert.ok(call.retry?.[0]?.attempts >= 2, `${name} retries transient failures`);
      assert.ok(call.count !== undefined, `${name} has a count`);
      assert.ok(await reaches(t(), call.count, 'local.onramp_enabled'), `${name}.count must depend on local.onramp_enabled`);
    }
  });

  test('template pushes and dry runs never call Onramp (the guard)', async () => {
    const guard = norm(locals(t()).onramp_enabled);
    assert.match(guard, /contains\(\["start", "stop", "destroy"\], local\.transition\)/);
    assert.match(guard, /local\.workspace_id != ""/);
    assert.match(guard, /!local\.template_import/);
    const importCheck = norm(locals(t()).template_import);
    assert.match(importCheck, /data\.coder_workspace_owner\.me\.name == "default"/);
    assert.match(importCheck, /data\.coder_workspace_owner\.me\.email == "default@example\.com"/);
    assert.equal(locals(t()).transition, '${data.coder_workspace.me.transition}');
  });

  test('start creates the pod workspace with ide NONE and the Coder workspace id, idempotently', async () => {
    const l = locals(t());
    assert.deepEqual(l.onramp_create_request, {
      owner: '${local.owner}',
      ide: 'NONE',
      size: '${data.coder_parameter.size.value}',
      coderWorkspaceId: '${data.coder_workspace.me.id}',
    });
    assert.match(norm(l.onramp_create_input), /merge\(local\.onramp_create_request, \{ idempotencyKey = "coder-\$\{local\.workspace_id\}-/);
    const lookup = block(t(), 'data', 'http', 'onramp_workspace');
    assert.match(lookup.request_body, /createPodWorkspace\(input: \$input\)/);
    assert.match(lookup.request_body, /input = local\.onramp_create_input/);
    assert.match(l.onramp_fields, /\bnamespace\b/);
    assert.match(l.onramp_fields, /\bcoderWorkspaceId\b/);
  });

  test('the transitions map start -> resume, stop -> pause, destroy -> delete', async () => {
    assert.deepEqual(locals(t()).onramp_mutation, {
      start: 'resumeWorkspace',
      stop: 'pauseWorkspace',
      destroy: 'deleteWorkspace',
    });
    const transition = block(t(), 'data', 'http', 'onramp_transition');
    assert.match(transition.request_body, /\$\{local\.onramp_mutation\[local\.transition\]\}\(id: \$id\)/);
    assert.match(transition.request_body, /id = local\.onramp_id/);
    assert.match(norm(locals(t()).onramp_id), /local\.onramp_workspace\.id/);
    assert.ok(await reaches(t(), locals(t()).onramp_id, 'data.http.onramp_workspace'), 'the id comes from the lookup');
  });

  test('a GraphQL error fails the build with its code and message', () => {
    for (const [name, call] of httpCalls()) {
      const conditions = call.lifecycle?.[0]?.postcondition ?? [];
      const errorCheck = conditions.find((c) => /\.errors\)/.test(c.condition) && /status_code == 200/.test(c.condition));
      assert.ok(errorCheck, `${name} has a postcondition on the HTTP status and on "errors"`);
      assert.match(errorCheck.error_message, /errors\[0\]\.extensions\.code/, `${name} shows the error code`);
      assert.match(errorCheck.error_message, /errors\[0\]\.message/, `${name} shows the error message`);
    }
  });

  test('start refuses a namespace that serves another Coder workspace or was deleted outside Coder', () => {
    const conditions = block(t(), 'data', 'http', 'onramp_workspace').lifecycle[0].postcondition.map((c) => norm(c.condition));
    assert.ok(conditions.some((c) => /local\.transition != "start" \|\|.*coderWorkspaceId, ""\) == local\.workspace_id/.test(c)));
    assert.ok(conditions.some((c) => /local\.transition != "start" \|\|.*desiredState, ""\) != "DELETED"/.test(c)));
    assert.match(norm(locals(t()).onramp_transition_needed), /local\.onramp_linked/);
  });
});

describe('kubernetes-onramp: the workspace pod', () => {
  const t = () => templates['kubernetes-onramp'];
  const deployment = () => {
    const list = blocks(t(), 'resource', 'kubernetes_deployment_v1');
    assert.equal(list.length, 1, 'one kubernetes_deployment_v1');
    return list[0][1];
  };
  const podSpec = () => first(first(first(deployment().spec, 'spec').template, 'template').spec, 'pod spec');

  test('Onramp owns the namespace: the template creates none and takes its name from Onramp', async () => {
    for (const type of Object.keys(t().hcl.resource)) {
      assert.doesNotMatch(type, /^kubernetes_namespace/, `${type}: the namespace belongs to Onramp`);
    }
    assert.equal(first(deployment().metadata, 'metadata').namespace, '${local.namespace}');
    assert.ok(await reaches(t(), locals(t()).namespace, 'data.http.onramp_workspace'), 'namespace comes from the answer');
    assert.match(norm(locals(t()).namespace), /local\.onramp_workspace\.namespace/);
  });

  test('the pod exists only while started; the home volume survives stop', () => {
    assert.equal(deployment().count, '${data.coder_workspace.me.start_count}');
    const [[, pvc]] = blocks(t(), 'resource', 'kubernetes_persistent_volume_claim_v1');
    assert.equal(pvc.count, undefined, 'the home PVC has no count');
    assert.equal(first(pvc.metadata, 'pvc metadata').namespace, '${local.namespace}');
  });

  test('the pod runs with the restricted security context', () => {
    const pod = first(podSpec().security_context, 'pod security_context');
    assert.equal(pod.run_as_non_root, true);
    assert.equal(pod.run_as_user, 1000);
    assert.equal(pod.fs_group, 1000);
    assert.equal(first(pod.seccomp_profile, 'pod seccomp_profile').type, 'RuntimeDefault');
    const containers = podSpec().container;
    assert.ok(containers.length >= 1);
    for (const c of [...containers, ...(podSpec().init_container ?? [])]) {
      const sc = first(c.security_context, `${c.name} security_context`);
      assert.equal(sc.allow_privilege_escalation, false, `${c.name}: allowPrivilegeEscalation`);
      assert.deepEqual(first(sc.capabilities, `${c.name} capabilities`).drop, ['ALL'], `${c.name}: drop ALL`);
      assert.notEqual(sc.privileged, true);
      assert.notEqual(sc.run_as_user, 0);
    }
    assert.equal(podSpec().host_network, undefined);
  });

  test('the container starts the Coder agent with its token and stays within the LimitRange', () => {
    const [c] = podSpec().container;
    assert.deepEqual(c.command, ['sh', '-c', '${local.init_script}']);
    assert.match(norm(locals(t()).init_script), /coder_agent\.main\.init_script/);
    const token = c.env.find((e) => e.name === 'CODER_AGENT_TOKEN');
    assert.equal(token?.value, '${coder_agent.main.token}');
    const limits = first(c.resources, 'resources').limits;
    assert.ok(limits?.cpu && limits?.memory, 'CPU and memory limits (the namespace has a ResourceQuota)');
    for (const p of ['cpu', 'memory']) {
      const values = block(t(), 'data', 'coder_parameter', p).option.map((o) => Number(o.value));
      assert.ok(Math.max(...values) <= (p === 'cpu' ? 2 : 4), `${p} options stay within Onramp's LimitRange max`);
    }
  });

  test('the pod may only start after Onramp reports the namespace ready', () => {
    const ready = block(t(), 'data', 'http', 'onramp_ready');
    assert.ok(ready.depends_on.includes('${terraform_data.onramp_ready_gate}'));
    assert.match(ready.request_body, /workspace\(id: \$id\)/);
    assert.match(norm(block(t(), 'resource', 'terraform_data', 'onramp_ready_gate').triggers_replace), /plantimestamp\(\)/);
    assert.ok(deployment().depends_on.includes('${data.http.onramp_ready}'));
  });
});

// ------------------------------------------------------------------------------------------------------------------
// exoscale-vm-kind
// ------------------------------------------------------------------------------------------------------------------

describe('exoscale-vm-kind: the VM', () => {
  const t = () => templates['exoscale-vm-kind'];
  const instance = () => {
    const list = blocks(t(), 'resource', 'exoscale_compute_instance');
    assert.equal(list.length, 1, 'one exoscale_compute_instance');
    return list[0][1];
  };

  test('the instance is persistent: no count, no for_each', () => {
    assert.equal(instance().count, undefined, 'count on the instance would destroy it on stop');
    assert.equal(instance().for_each, undefined, 'for_each on the instance would destroy it on stop');
  });

  test('state follows the transition: running on start, stopped otherwise', () => {
    assert.equal(norm(instance().state), '${data.coder_workspace.me.transition == "start" ? "running" : "stopped"}');
  });

  test('the image comes from data "exoscale_template" and template_id changes are ignored', () => {
    assert.match(instance().template_id, /^\$\{data\.exoscale_template\.\w+\.id\}$/);
    const [[, tmpl]] = blocks(t(), 'data', 'exoscale_template');
    assert.ok(tmpl.zone && tmpl.name, 'exoscale_template needs zone and name');
    assert.ok(first(instance().lifecycle, 'lifecycle').ignore_changes.includes('${template_id}'));
  });

  test('the agent (and its app) exist only while started', () => {
    const [[, agent]] = blocks(t(), 'resource', 'coder_agent');
    assert.equal(agent.count, '${data.coder_workspace.me.start_count}');
    assert.equal(agent.auth, 'token');
    for (const [name, app] of blocks(t(), 'resource', 'coder_app')) {
      assert.equal(app.count, '${data.coder_workspace.me.start_count}', `coder_app ${name}`);
    }
  });

  test('no inbound traffic except SSH from configured CIDRs', () => {
    assert.ok(instance().security_group_ids.includes('${exoscale_security_group.workspace.id}'));
    for (const [name, rule] of blocks(t(), 'resource', 'exoscale_security_group_rule')) {
      if (rule.type === 'EGRESS') continue;
      assert.equal(rule.type, 'INGRESS', `rule ${name}`);
      assert.equal(rule.start_port, 22, `rule ${name} opens only SSH`);
      assert.equal(rule.end_port, 22, `rule ${name} opens only SSH`);
      assert.doesNotMatch(String(rule.cidr), /^0\.0\.0\.0\/0$/, `rule ${name} must not be open to the world by default`);
      assert.ok(rule.for_each?.includes('var.ssh_cidrs'), `rule ${name} exists only for var.ssh_cidrs`);
    }
    assert.deepEqual(variables(t()).ssh_cidrs.default, []);
  });

  test("the bootstrap is Onramp's cloud-init plus the agent, and the agent's token reaches the VM", async () => {
    assert.equal(instance().user_data, '${local.user_data}');
    const l = locals(t());
    assert.match(l.onramp_cloud_config, /file\("\$\{path\.module\}\/cloud-init\/vm-workspace\.yaml"\)/);
    assert.ok(await reaches(t(), instance().user_data, 'coder_agent.main'), 'user_data carries the agent token and init script');
    assert.match(l.coder_cloud_config, /templatefile\("\$\{path\.module\}\/cloud-init\/coder-agent\.yaml\.tftpl"/);
    assert.match(l.user_data, /multipart\/mixed/);
  });

  test('every placeholder of the cloud-init copy is filled, and the copy equals content/cloud-init', async (ctx) => {
    const copy = await readFile(path.join(t().dir, 'cloud-init', 'vm-workspace.yaml'), 'utf8');
    const placeholders = [...new Set([...copy.matchAll(/\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1]))];
    assert.ok(placeholders.length > 0);
    for (const p of placeholders) {
      assert.ok(locals(t()).onramp_cloud_config.includes(`"{{${p}}}", jsonencode(`), `{{${p}}} is replaced`);
    }
    if (!existsSync(CLOUD_INIT_SOURCE)) {
      ctx.skip(`${CLOUD_INIT_SOURCE} not found`);
      return;
    }
    const source = await readFile(CLOUD_INIT_SOURCE, 'utf8');
    assert.ok(copy === source,
      'exoscale-vm-kind/cloud-init/vm-workspace.yaml differs from content/cloud-init/vm-workspace.yaml; run\n'
      + '  cp content/cloud-init/vm-workspace.yaml content/coder-templates/exoscale-vm-kind/cloud-init/\n'
      + 'and check that main.tf still fills every placeholder');
  });

  test('the agent cloud-config uses exactly the variables templatefile passes', async () => {
    const tftpl = await readFile(path.join(t().dir, 'cloud-init', 'coder-agent.yaml.tftpl'), 'utf8');
    assert.doesNotMatch(tftpl, /%\{/, 'no template directives');
    const used = [...new Set([...tftpl.matchAll(/(?<!\$)\$\{\s*([a-z_][a-z0-9_]*)\s*\}/g)].map((m) => m[1]))].sort();
    const call = locals(t()).coder_cloud_config;
    const passed = [...call.slice(call.indexOf('{', call.indexOf('.tftpl'))).matchAll(/\b([a-z_][a-z0-9_]*)\s*=/g)]
      .map((m) => m[1]).sort();
    assert.deepEqual(used, passed);
    assert.match(tftpl, /^# coder-agent-token: \$\{agent_token\}$/m, 'start-agent.sh reads this exact line');
    assert.match(tftpl, /sed -n "\$pattern"/);
  });
});

// ------------------------------------------------------------------------------------------------------------------
// The shared README
// ------------------------------------------------------------------------------------------------------------------

describe('README.md of content/coder-templates', () => {
  let readme = '';
  before(async () => {
    readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  });

  test('documents the external auth settings for the OIDC provider', () => {
    for (const key of ['ID', 'TYPE', 'CLIENT_ID', 'CLIENT_SECRET', 'AUTH_URL', 'TOKEN_URL', 'VALIDATE_URL', 'SCOPES']) {
      assert.match(readme, new RegExp(`CODER_EXTERNAL_AUTH_0_${key}=`), `CODER_EXTERNAL_AUTH_0_${key}`);
    }
    assert.match(readme, /CODER_EXTERNAL_AUTH_0_ID=onramp\b/);
    assert.match(readme, /\/external-auth\/onramp\/callback/);
  });

  test('shows how to push both templates', () => {
    for (const name of TEMPLATE_NAMES) {
      assert.match(readme, new RegExp(`coder templates push ${name}\\b`), `push command for ${name}`);
    }
  });

  test("documents the notification webhook to Onramp's receiver", () => {
    assert.match(readme, /CODER_NOTIFICATIONS_METHOD=webhook/);
    assert.match(readme, /CODER_NOTIFICATIONS_WEBHOOK_ENDPOINT=https:\/\/coder:<secret>@onramp\.example\.com\/hooks\/coder/);
    assert.match(readme, /ONRAMP_CODER_WEBHOOK_SECRET/);
  });
});
