import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import { AnalysisTimeoutError } from './errors.ts';
import type { LanguageSpec } from './languages.ts';
import type { MetricsCollector } from './metrics.ts';
import type { Rule, Visitors } from './rules/rule.ts';
import type { Suppressions } from './suppression.ts';
import { functionName } from './syntax/functions.ts';

const SHARED_KINDS = ['call', 'function', 'loop', 'comment', 'string'] as const;
const TIME_CHECK_INTERVAL = 2048;

const targetCache = new Map<string, { types: readonly string[]; exit: boolean }>();

/** Grammar node types a visitor key stands for in this language, and whether it runs on exit. */
function visitorTargets(spec: LanguageSpec, key: string): { types: readonly string[]; exit: boolean } {
  const cacheKey = `${spec.id}\0${key}`;
  let targets = targetCache.get(cacheKey);
  if (!targets) {
    const [target = key, phase] = key.split(':');
    const kind = SHARED_KINDS.find((shared) => shared === target);
    targets = { types: kind ? spec.kinds[kind] : [target], exit: phase === 'exit' };
    targetCache.set(cacheKey, targets);
  }
  return targets;
}

interface Handler {
  rule: Rule;
  visit: (node: Node) => void;
}

interface Frame {
  type: string;
  node: Node | null;
  isFunction: boolean;
  isLoop: boolean;
  isError: boolean;
}

/**
 * Walks a syntax tree once with a cursor, calling every rule's visitors on entry and exit,
 * tracking the enclosing function and loop depth, and feeding metrics and suppressions.
 */
export class RuleWalker {
  private readonly enterHandlers = new Map<string, Handler[]>();
  private readonly exitHandlers = new Map<string, Handler[]>();
  private readonly functions: { node: Node; loops: number }[] = [];
  private readonly functionTypes: Set<string>;
  private readonly loopTypes: Set<string>;
  private readonly commentTypes: Set<string>;
  private readonly decisionTypes: Set<string>;
  private moduleLoops = 0;
  private errorDepth = 0;
  /** The first error each rule threw; the walk goes on so one broken rule cannot hide the others. */
  readonly failures = new Map<string, unknown>();

  constructor(
    private readonly spec: LanguageSpec,
    private readonly code: string,
    private readonly metrics: MetricsCollector,
    private readonly suppressions: Suppressions,
    private readonly deadline: number,
    private readonly timeoutMs: number,
  ) {
    this.functionTypes = new Set(spec.kinds.function);
    this.loopTypes = new Set(spec.kinds.loop);
    this.commentTypes = new Set(spec.kinds.comment);
    this.decisionTypes = new Set(spec.kinds.decision);
  }

  addRule(rule: Rule, visitors: Visitors): void {
    for (const [key, visit] of Object.entries(visitors)) {
      const { types, exit } = visitorTargets(this.spec, key);
      const map = exit ? this.exitHandlers : this.enterHandlers;
      for (const type of types) {
        const list = map.get(type);
        if (list) list.push({ rule, visit });
        else map.set(type, [{ rule, visit }]);
      }
    }
  }

  loopDepth(): number {
    return this.functions.at(-1)?.loops ?? this.moduleLoops;
  }

  currentFunction(): Node | null {
    return this.functions.at(-1)?.node ?? null;
  }

  walk(tree: Tree): void {
    const cursor = tree.walk();
    const checkSyntax = tree.rootNode.hasError && this.enterHandlers.has('syntaxError');
    const frames: Frame[] = [];
    let visited = 0;
    try {
      traversal: for (;;) {
        visited += 1;
        if (visited % TIME_CHECK_INTERVAL === 0 && performance.now() > this.deadline) throw new AnalysisTimeoutError(this.timeoutMs);
        const frame = this.enter(cursor, checkSyntax);
        if (!this.commentTypes.has(frame.type) && cursor.gotoFirstChild()) {
          frames.push(frame);
          continue;
        }
        this.leaf(cursor, frame.type);
        this.leave(frame);
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) break traversal;
          const parent = frames.pop();
          if (parent) this.leave(parent);
        }
      }
    } finally {
      cursor.delete();
    }
    this.run(this.exitHandlers.get('program'), tree.rootNode);
  }

  private enter(cursor: TreeCursor, checkSyntax: boolean): Frame {
    const type = cursor.nodeType;
    const isFunction = this.functionTypes.has(type);
    const isLoop = this.loopTypes.has(type);
    const isError = type === 'ERROR';
    const handlers = this.enterHandlers.get(type);
    let node = handlers || isFunction || this.exitHandlers.has(type) ? cursor.currentNode : null;
    if (checkSyntax && this.errorDepth === 0 && (isError || cursor.nodeIsMissing)) {
      node ??= cursor.currentNode;
      this.run(this.enterHandlers.get('syntaxError'), node);
    }
    if (isError) this.errorDepth += 1;
    if (isFunction && node) {
      this.functions.push({ node, loops: 0 });
      this.metrics.enterFunction(functionName(node), node.startPosition.row + 1, node.endPosition.row + 1);
    }
    if (isLoop) this.countLoop(1);
    if (this.decisionTypes.has(type)) this.metrics.decision();
    if (handlers && node) this.run(handlers, node);
    return { type, node, isFunction, isLoop, isError };
  }

  private leaf(cursor: TreeCursor, type: string): void {
    if (this.commentTypes.has(type)) {
      const start = cursor.startPosition;
      const end = cursor.endPosition;
      this.suppressions.addComment(this.code.slice(cursor.startIndex, cursor.endIndex), start.row + 1, end.row + 1);
      this.metrics.comment(start, end);
    } else if (cursor.nodeIsNamed) {
      this.metrics.operand(this.code.slice(cursor.startIndex, cursor.endIndex));
    } else {
      this.metrics.operator(type);
    }
  }

  private leave(frame: Frame): void {
    if (frame.node) this.run(this.exitHandlers.get(frame.type), frame.node);
    if (frame.isLoop) this.countLoop(-1);
    if (frame.isFunction) {
      this.functions.pop();
      this.metrics.exitFunction();
    }
    if (frame.isError) this.errorDepth -= 1;
  }

  private countLoop(delta: number): void {
    const current = this.functions.at(-1);
    if (current) current.loops += delta;
    else this.moduleLoops += delta;
  }

  private run(handlers: Handler[] | undefined, node: Node): void {
    if (!handlers) return;
    for (const handler of handlers) {
      try {
        handler.visit(node);
      } catch (error) {
        if (error instanceof AnalysisTimeoutError) throw error;
        if (!this.failures.has(handler.rule.meta.id)) this.failures.set(handler.rule.meta.id, error);
      }
    }
  }
}
