/**
 * `learn-daemonsets verify LESSON`: grade a cluster against a lesson's task checks and print,
 * per step, pass or the reason. For now the cluster is a fresh simulator in the lesson's
 * scenario (`--apply-solution` plays the lesson's solution first); `--kubeconfig` needs the
 * API server and the real backend.
 */
import { UsageError } from '../cli.js';
import { AuditLog } from '../lessons/audit.js';
import { gradeLesson } from '../lessons/grade.js';
import { BUILTIN_COURSE_DIR, loadIndex, loadLesson } from '../lessons/loader.js';
import { proveLesson } from '../lessons/prove.js';
import { snapshotOf, startLessonCluster } from '../lessons/sim-runner.js';

interface VerifyArgs {
  lesson: string;
  applySolution: boolean;
  courseDir: string;
}

function parse(argv: readonly string[]): VerifyArgs {
  let lesson: string | undefined;
  let applySolution = false;
  let courseDir = BUILTIN_COURSE_DIR;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--apply-solution') applySolution = true;
    else if (a === '--course') courseDir = argv[++i] ?? courseDir;
    else if (a === '--kubeconfig' || a === '--context' || a.startsWith('--kubeconfig=') || a.startsWith('--context=')) {
      throw new UsageError('verify against a kubeconfig is not part of this build yet; run `learn-daemonsets verify LESSON` to grade the simulator.');
    } else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}" for verify. Usage: learn-daemonsets verify LESSON`);
    else if (lesson === undefined) lesson = a;
    else throw new UsageError(`verify takes one lesson id, got also "${a}"`);
  }
  if (lesson === undefined) throw new UsageError(`verify needs a lesson id; lessons: ${loadIndex(courseDir).join(', ')}`);
  return { lesson, applySolution, courseDir };
}

/** Runs `verify`; resolves to 0 when every task step passes, 1 otherwise. */
export function runVerify(argv: readonly string[]): number {
  const args = parse(argv);
  const ids = loadIndex(args.courseDir);
  if (!ids.includes(args.lesson)) throw new UsageError(`unknown lesson "${args.lesson}"; lessons: ${ids.join(', ')}`);
  const lesson = loadLesson(args.courseDir, args.lesson);
  let cluster = startLessonCluster(lesson);
  let audit = new AuditLog();
  if (args.applySolution) ({ cluster, audit } = proveLesson(lesson));
  const grades = gradeLesson(lesson, snapshotOf(cluster), audit.entries());
  process.stdout.write(`${lesson.title} (simulated cluster, scenario ${lesson.scenarioName}${args.applySolution ? ', solution applied' : ''})\n`);
  for (const g of grades) {
    if (g.result.status === 'pass') process.stdout.write(`  ✓ ${g.stepId}: ${g.title}${g.impliedBy ? ` (done before ${g.impliedBy})` : ''}\n`);
    else process.stdout.write(`  ✗ ${g.stepId}: ${g.title}\n      ${g.result.reason}\n`);
  }
  const failed = grades.filter((g) => g.result.status === 'fail').length;
  process.stdout.write(failed ? `${failed} of ${grades.length} task steps not done yet.\n` : `All ${grades.length} task steps pass.\n`);
  return failed ? 1 : 0;
}
