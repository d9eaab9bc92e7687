/**
 * Joining a classroom from inside the tutorial (the list's join screen): the same address parser,
 * name rule, first contact and sentences as `--join`, and once in the room the same reporting of
 * the open lesson and polling of the instructor's messages. Loaded only when the join key is
 * pressed, so the plain tutorial's first frame never pays for the classroom modules.
 */
import { joinedSentence, joinRoom, notAnAddress, sharedNotice, storedName, validName } from '../classroom/outbox-join.js';
import { productionPorts } from '../classroom/outbox-http.js';
import type { OutboxPorts } from '../classroom/outbox.js';
import { parseJoin } from '../classroom/protocol.js';
import type { JoinPorts } from '../ui/JoinScreen.js';
import { followBroadcasts, type FollowedBroadcasts } from './classroom-broadcasts.js';
import type { ClassroomLink } from './classroom-link.js';
import { reportOpenLessons } from './classroom-progress.js';
import type { SessionHolder } from './session-holder.js';

/** The example the join screen gives (the address alone, as the instructor shows it). */
const EXAMPLE = 'e.g. http://192.168.1.20:7070/#K7Q2XM';

/** What joining needs from the running tutorial; `ports` and `broadcasts` are replaced in tests. */
export interface TuiJoinDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly holder: SessionHolder;
  readonly link: ClassroomLink;
  /** Notes for the --debug log (never the screen). */
  readonly log: (message: string) => void;
  readonly ports?: (url: string, code: string, log: (message: string) => void) => OutboxPorts;
  readonly broadcasts?: (room: { url: string; code: string }) => FollowedBroadcasts;
}

/** The join screen's ports for this tutorial. */
export function tuiJoinPorts(deps: TuiJoinDeps): JoinPorts {
  const ports = deps.ports ?? productionPorts;
  const follow = deps.broadcasts ?? ((room) => followBroadcasts({ ...room, log: deps.log, env: deps.env }));
  return {
    parse: (text) => parseJoin(text) ?? { error: notAnAddress(text, EXAMPLE) },
    storedName: (code) => storedName(code, deps.env),
    validate: validName,
    notice: sharedNotice,
    join: async (target) => {
      const joined = await joinRoom(target, ports(target.url, target.code, deps.log), deps.env);
      if ('message' in joined) return { error: joined.message };
      const broadcasts = follow(target);
      const stopReporting = reportOpenLessons(deps.holder, joined.outbox);
      deps.link.connect({
        code: target.code,
        feed: broadcasts.feed,
        close: () => {
          stopReporting();
          broadcasts.close();
        },
      });
      const sentence = joinedSentence(joined.state, target);
      return { code: target.code, sentence: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.` };
    },
  };
}
