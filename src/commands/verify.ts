/**
 * `learn-daemonsets verify LESSON`: grade a cluster against a lesson's task checks and print,
 * per step, pass or the reason. Without `--kubeconfig`/`--context` the cluster is a fresh
 * simulator in the lesson's scenario (`--apply-solution` plays the lesson's solution first);
 * with them it is whatever that context points at, read (never written) through client-node.
 */
import { UsageError } from '../cli.js';
import { AuditLog } from '../lessons/audit.js';
import { gradeLesson, type StepGrade } from '../lessons/grade.js';
import type { Lesson } from '../lessons/lesson.js';
import { BUILTIN_COURSE_DIR, loadIndex, loadLesson } from '../lessons/loader.js';
import { proveLesson } from '../lessons/prove.js';
import { snapshotOf, startLessonCluster } from '../lessons/sim-runner.js';

const USAGE = 'Usage: learn-daemonsets verify LESSON [--kubeconfig P] [--context C]';

interface VerifyArgs {
  lesson: string;
  applySolution: boolean;
  courseDir: string;
  kubeconfig?: string;
  context?: string;
}

/** The value of `--flag V` or `--flag=V`; advances `i` past a separate value. */
function flagValue(argv: readonly string[], i: number, flag: string): { value: string; next: number } | undefined {
  const a = argv[i] ?? '';
  if (a.startsWith(`${flag}=`)) return { value: a.slice(flag.length + 1), next: i };
  if (a !== flag) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('-') || v === '') throw new UsageError(`${flag} needs a value. ${USAGE}`);
  return { value: v, next: i + 1 };
}

function parse(argv: readonly string[]): VerifyArgs {
  let lesson: string | undefined;
  let applySolution = false;
  let courseDir = BUILTIN_COURSE_DIR;
  let kubeconfig: string | undefined;
  let context: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const kc = flagValue(argv, i, '--kubeconfig');
    const ctx = kc ? undefined : flagValue(argv, i, '--context');
    if (kc) ({ value: kubeconfig, next: i } = kc);
    else if (ctx) ({ value: context, next: i } = ctx);
    else if (a === '--apply-solution') applySolution = true;
    else if (a === '--course') courseDir = argv[++i] ?? courseDir;
    else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}" for verify. ${USAGE}`);
    else if (lesson === undefined) lesson = a;
    else throw new UsageError(`verify takes one lesson id, got also "${a}"`);
  }
  if (lesson === undefined) throw new UsageError(`verify needs a lesson id; lessons: ${loadIndex(courseDir).join(', ')}`);
  if (applySolution && (kubeconfig !== undefined || context !== undefined)) {
    throw new UsageError('--apply-solution only works on the simulated cluster; verify never changes a real cluster. Apply the solution yourself, then run verify again.');
  }
  return { lesson, applySolution, courseDir, ...(kubeconfig === undefined ? {} : { kubeconfig }), ...(context === undefined ? {} : { context }) };
}

/** Prints the per-step verdicts and the summary; returns the exit code. */
function report(header: string, grades: readonly StepGrade[]): number {
  const out = (s: string) => process.stdout.write(s);
  out(`${header}\n`);
  for (const g of grades) {
    if (g.result.status === 'pass') out(`  ✓ ${g.stepId}: ${g.title}${g.impliedBy ? ` (done before ${g.impliedBy})` : ''}\n`);
    else out(`  ${g.unjudged ? '?' : '✗'} ${g.stepId}: ${g.title}\n      ${g.result.reason}\n`);
  }
  const unjudged = grades.filter((g) => g.unjudged).length;
  const failed = grades.filter((g) => g.result.status === 'fail' && !g.unjudged).length;
  const cannot = unjudged ? ` ${unjudged} cannot be judged from the cluster alone.` : '';
  if (failed) out(`${failed} of ${grades.length} task steps not done yet.${cannot}\n`);
  else if (unjudged) out(`${grades.length - unjudged} of ${grades.length} task steps pass;${cannot}\n`);
  else out(`All ${grades.length} task steps pass.\n`);
  return failed ? 1 : 0;
}

/** Grades the cluster a kubeconfig context points at (read-only, so no guard); kubeconfig mistakes are usage errors. */
async function verifyCluster(lesson: Lesson, args: VerifyArgs): Promise<number> {
  const [{ readCluster }, { RealClusterError }] = await Promise.all([import('../real/snapshot.js'), import('../real/errors.js')]);
  let read: Awaited<ReturnType<typeof readCluster>>;
  try {
    read = await readCluster({
      ...(args.kubeconfig === undefined ? {} : { kubeconfigPath: args.kubeconfig }),
      ...(args.context === undefined ? {} : { context: args.context }),
    });
  } catch (err) {
    if (err instanceof RealClusterError && (err.kind === 'kubeconfig' || err.kind === 'context')) throw new UsageError(err.message);
    throw err;
  }
  const grades = gradeLesson(lesson, read.snapshot, [], { auditAvailable: false });
  return report(`${lesson.title} (cluster at ${read.server}, context ${read.context})`, grades);
}

/** Runs `verify`; 0 when every task step passes, 1 otherwise (a promise when a real cluster is read). */
export function runVerify(argv: readonly string[]): number | Promise<number> {
  const args = parse(argv);
  const ids = loadIndex(args.courseDir);
  if (!ids.includes(args.lesson)) throw new UsageError(`unknown lesson "${args.lesson}"; lessons: ${ids.join(', ')}`);
  const lesson = loadLesson(args.courseDir, args.lesson);
  if (args.kubeconfig !== undefined || args.context !== undefined) return verifyCluster(lesson, args);
  let cluster = startLessonCluster(lesson);
  let audit = new AuditLog();
  if (args.applySolution) ({ cluster, audit } = proveLesson(lesson));
  const grades = gradeLesson(lesson, snapshotOf(cluster), audit.entries());
  return report(`${lesson.title} (simulated cluster, scenario ${lesson.scenarioName}${args.applySolution ? ', solution applied' : ''})`, grades);
}
