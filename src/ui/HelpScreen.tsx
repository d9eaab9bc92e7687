/** The `?` screen, generated from the keybinding table so help and handling cannot disagree. */
import { Box, Text } from 'ink';
import { helpSections, type KeyScope } from './keys.js';
import { useTone } from './theme.js';

const HEADINGS: Record<KeyScope, string> = {
  global: 'Everywhere',
  list: 'Lesson list',
  lesson: 'Lesson',
  practice: 'Practice exam (also : ↑/↓ [ ])',
  report: 'Practice report',
  command: 'Command line (after :)',
  help: 'Help',
  confirm: 'Reset or finish question',
};

type Section = ReturnType<typeof helpSections>[number];

/** Splits sections into two columns, choosing the split with the shorter taller column (80×24 fits every key). */
function twoColumns(sections: readonly Section[]): [Section[], Section[]] {
  const size = (list: readonly Section[]) => list.reduce((n, s) => n + s.rows.length + 1, 0);
  let best = 1;
  for (let k = 1; k < sections.length; k++) {
    const worst = (i: number) => Math.max(size(sections.slice(0, i)), size(sections.slice(i)));
    if (worst(k) < worst(best)) best = k;
  }
  return [sections.slice(0, best), sections.slice(best)];
}

/** All keys, grouped by where they work; `realCluster` notes the time keys that only the simulator has. */
export function HelpScreen(props: { width: number; realCluster?: boolean }) {
  const tone = useTone();
  const columns = twoColumns(helpSections().filter((s) => s.rows.length));
  const width = Math.floor((props.width - 2) / 2);
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text wrap="truncate-end">
        <Text bold color={tone('accent')}>
          Keys (Esc or ? closes)
        </Text>
        {props.realCluster ? <Text color={tone('progress')}> · real cluster: p . u (time) work only in the simulator</Text> : null}
      </Text>
      <Box>
        {columns.map((group, g) => (
          <Box key={g} flexDirection="column" width={width}>
            {group.map((section) => (
              <Box key={section.scope} flexDirection="column">
                <Text bold>{HEADINGS[section.scope]}</Text>
                {section.rows.map((r) => (
                  <Text key={`${r.keys}${r.help}`} wrap="truncate-end">
                    {'  '}
                    <Text color={tone('accent')}>{r.keys.padEnd(9)}</Text> {r.help}
                  </Text>
                ))}
              </Box>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
