import { QueryScopeError } from '../scoping/QueryScopeError';
import { isValidLabelName, LabelMatcher } from './LabelMatcher';

/**
 * How Kubernetes label keys become Prometheus/Loki label names.
 *
 * A key is looked up in `labelNames` first (merged over
 * {@link DEFAULT_KUBERNETES_LABEL_NAMES}); any other key becomes
 * `labelNamePrefix` + the key with every character outside `[a-zA-Z0-9_]` replaced by
 * `_` (and `_` put in front of a leading digit), which is what Prometheus' `labelmap`
 * relabelling of `__meta_kubernetes_pod_label_*` produces. For kube-state-metrics'
 * `kube_pod_labels` series use `labelNamePrefix: 'label_'`.
 *
 * @public
 */
export type KubernetesLabelMappingOptions = {
  /** Exact key to label name overrides, e.g. `{ 'app.kubernetes.io/name': 'app' }`. */
  labelNames?: Record<string, string>;
  /** Prefix for keys without an override. Defaults to none. */
  labelNamePrefix?: string;
};

/**
 * Keys mapped to a label name other than their sanitised form unless overridden:
 * Catalyst's scope puts the entity's namespace under Backstage's annotation name, and
 * Prometheus and Loki call that label `namespace`.
 *
 * @public
 */
export const DEFAULT_KUBERNETES_LABEL_NAMES: Readonly<Record<string, string>> =
  Object.freeze({ 'backstage.io/kubernetes-namespace': 'namespace' });

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: '!' | '=' | '==' | '!=' | '(' | ')' | ',' | '<' | '>'; at: number }
  | { kind: 'end'; at: number };

const specialCharacters = new Set(['!', '=', '(', ')', ',', '<', '>']);

function tokenize(selector: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < selector.length) {
    const c = selector[i];
    if (/\s/.test(c)) {
      i += 1;
    } else if (selector.startsWith('!=', i) || selector.startsWith('==', i)) {
      tokens.push({ kind: selector.slice(i, i + 2) as '!=' | '==', at: i });
      i += 2;
    } else if (specialCharacters.has(c)) {
      tokens.push({
        kind: c as '!' | '=' | '(' | ')' | ',' | '<' | '>',
        at: i,
      });
      i += 1;
    } else {
      const start = i;
      while (
        i < selector.length &&
        !/\s/.test(selector[i]) &&
        !specialCharacters.has(selector[i])
      ) {
        i += 1;
      }
      tokens.push({ kind: 'word', text: selector.slice(start, i), at: start });
    }
  }
  tokens.push({ kind: 'end', at: selector.length });
  return tokens;
}

const keyNamePart = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const keyPrefixPart =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

type Requirement =
  | { key: string; kind: 'equals' | 'not-equals'; values: string[] }
  | { key: string; kind: 'in' | 'notin'; values: string[] }
  | { key: string; kind: 'exists' | 'not-exists' };

class SelectorParser {
  private index = 0;

  constructor(
    private readonly selector: string,
    private readonly tokens: Token[],
  ) {}

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      requirements.push(this.requirement());
      const next = this.take();
      if (next.kind === 'end') {
        return requirements;
      }
      if (next.kind !== ',') {
        throw this.error(next, 'expected "," between requirements');
      }
    }
  }

  private requirement(): Requirement {
    const first = this.take();
    if (first.kind === '!') {
      return { key: this.key(this.take()), kind: 'not-exists' };
    }
    const key = this.key(first);
    const op = this.peek();
    switch (op.kind) {
      case ',':
      case 'end':
        return { key, kind: 'exists' };
      case '=':
      case '==':
      case '!=':
        this.take();
        return {
          key,
          kind: op.kind === '!=' ? 'not-equals' : 'equals',
          values: [this.exactValue()],
        };
      case '<':
      case '>':
        throw this.error(
          op,
          `operator "${op.kind}" compares numbers and has no label matcher equivalent`,
        );
      case 'word':
        if (op.text === 'in' || op.text === 'notin') {
          this.take();
          return { key, kind: op.text, values: this.valueSet(op.text) };
        }
        throw this.error(op, `unknown operator "${op.text}"`);
      default:
        throw this.error(op, 'expected an operator');
    }
  }

  private key(token: Token): string {
    if (token.kind !== 'word') {
      throw this.error(token, 'expected a label key');
    }
    const slash = token.text.indexOf('/');
    const prefix = slash >= 0 ? token.text.slice(0, slash) : undefined;
    const name = slash >= 0 ? token.text.slice(slash + 1) : token.text;
    const validPrefix =
      prefix === undefined ||
      (prefix.length <= 253 && keyPrefixPart.test(prefix));
    if (!validPrefix || name.length > 63 || !keyNamePart.test(name)) {
      throw this.error(token, `"${token.text}" is not a valid label key`);
    }
    return token.text;
  }

  private exactValue(): string {
    const next = this.peek();
    if (next.kind === ',' || next.kind === 'end') {
      return '';
    }
    return this.value(this.take());
  }

  private valueSet(op: string): string[] {
    const open = this.take();
    if (open.kind !== '(') {
      throw this.error(open, `expected "(" after "${op}"`);
    }
    const values = new Set<string>();
    let expectValue = true;
    for (;;) {
      const token = this.take();
      if (token.kind === ')') {
        if (expectValue && values.size > 0) {
          values.add('');
        }
        break;
      } else if (token.kind === ',') {
        if (expectValue) {
          values.add('');
        }
        expectValue = true;
      } else if (token.kind === 'word' && expectValue) {
        values.add(this.value(token));
        expectValue = false;
      } else {
        throw this.error(token, 'expected a value, "," or ")"');
      }
    }
    if (values.size === 0) {
      throw this.error(open, `the value set of "${op}" is empty`);
    }
    return [...values];
  }

  private value(token: Token): string {
    if (token.kind !== 'word') {
      throw this.error(token, 'expected a value');
    }
    if (token.text.length > 63 || !labelValue.test(token.text)) {
      throw this.error(token, `"${token.text}" is not a valid label value`);
    }
    return token.text;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private take(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') {
      this.index += 1;
    }
    return token;
  }

  private error(token: Token, problem: string): QueryScopeError {
    const found =
      token.kind === 'end' ? 'end of selector' : `offset ${token.at}`;
    return new QueryScopeError(
      'invalid-label-selector',
      `Invalid label selector "${this.selector}" at ${found}: ${problem}`,
      { position: token.at },
    );
  }
}

function escapeRegex(value: string): string {
  return value.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

function labelNameMapper(
  options: KubernetesLabelMappingOptions | undefined,
): (key: string) => string {
  const overrides: Record<string, string> = {
    ...DEFAULT_KUBERNETES_LABEL_NAMES,
    ...options?.labelNames,
  };
  const prefix = options?.labelNamePrefix ?? '';
  return key => {
    const sanitised = `${prefix}${key.replace(/[^a-zA-Z0-9_]/g, '_')}`;
    const name = Object.hasOwn(overrides, key)
      ? overrides[key]
      : sanitised.replace(/^(?=[0-9])/, '_');
    if (!isValidLabelName(name) || name.startsWith('__')) {
      throw new QueryScopeError(
        'invalid-scope',
        `Label key "${key}" maps to "${name}", which is not a usable label name`,
      );
    }
    return name;
  };
}

function toMatcher(requirement: Requirement, name: string): LabelMatcher {
  switch (requirement.kind) {
    case 'equals':
      return { name, op: '=', value: requirement.values[0] };
    case 'not-equals':
      return { name, op: '!=', value: requirement.values[0] };
    case 'in':
    case 'notin': {
      const { values } = requirement;
      const positive = requirement.kind === 'in';
      if (values.length === 1) {
        return { name, op: positive ? '=' : '!=', value: values[0] };
      }
      return {
        name,
        op: positive ? '=~' : '!~',
        value: values.map(escapeRegex).join('|'),
      };
    }
    case 'exists':
      return { name, op: '!=', value: '' };
    case 'not-exists':
      return { name, op: '=', value: '' };
    default:
      throw new Error('unreachable');
  }
}

/**
 * Turns a Kubernetes label selector (as in the `backstage.io/kubernetes-label-selector`
 * annotation) into label matchers: `k=v`/`k==v` becomes `=`, `k!=v` `!=`,
 * `k in (a,b)` `=~"a|b"`, `k notin (a,b)` `!~"a|b"`, `k` (exists) `k!=""` and `!k`
 * `k=""`. Prometheus and Loki cannot tell a missing label from an empty one, so
 * "exists" means "has a non-empty value". Numeric `<`/`>` and the empty selector (which
 * selects everything) are rejected with a {@link QueryScopeError}.
 *
 * @public
 */
export function kubernetesLabelSelectorToMatchers(
  selector: string,
  options?: KubernetesLabelMappingOptions,
): LabelMatcher[] {
  if (selector.trim() === '') {
    throw new QueryScopeError(
      'invalid-label-selector',
      'The label selector is empty: it selects everything and cannot scope a query',
    );
  }
  const requirements = new SelectorParser(selector, tokenize(selector)).parse();
  const labelName = labelNameMapper(options);
  return requirements.map(requirement =>
    toMatcher(requirement, labelName(requirement.key)),
  );
}
