import { type BoardDiff, DIFF_SECTIONS, isEmptyDiff, textDiff } from '@paja/shared';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';

/** One line of a diff section that is not an edit (those show their words changed). */
function line(section: (typeof DIFF_SECTIONS)[number], item: Record<string, unknown>, t: T) {
  if (section === 'votesRevealed') {
    const results = (item.results as Array<{ text: string; dots: number }>) ?? [];
    const top = results
      .slice(0, 5)
      .map((r) => t('history.dots', { text: r.text, count: r.dots }))
      .join(', ');
    return `${String(item.title) || t('history.untitledVote')}: ${top || t('history.none')}`;
  }
  if (section === 'commentsAdded') {
    return item.on ? `${String(item.text)} (${String(item.on)})` : String(item.text);
  }
  if ('from' in item && 'to' in item) {
    const what = item.text ? `${String(item.text)}: ` : '';
    return `${what}${String(item.from) || '–'} → ${String(item.to) || '–'}`;
  }
  return String(item.title ?? '');
}

/** The runs of a word diff, each keyed by where it starts in the two texts. */
function keyedRuns(from: string, to: string) {
  let a = 0;
  let b = 0;
  return textDiff(from, to).map((run) => {
    const key = `${run.op}:${a}:${b}`;
    if (run.op !== 'added') a += run.text.length;
    if (run.op !== 'removed') b += run.text.length;
    return { ...run, key };
  });
}

type T = ReturnType<typeof useI18n>['t'];

/**
 * What changed between two readings of the board, section by section (notes added, removed,
 * edited with their words marked, moved; topics, themes and periods; votes; comments). The
 * same list beside the canvas and in the history dialog; the canvas marks the same items.
 */
export function DiffList({ diff, heading }: { diff: BoardDiff; heading: string }) {
  const { t } = useI18n();
  return (
    <section className="history-detail" data-testid="history-diff" aria-label={heading}>
      <h3>{heading}</h3>
      {isEmptyDiff(diff) && <p>{t('history.noChanges')}</p>}
      {DIFF_SECTIONS.filter((key) => diff[key].length > 0).map((key) => (
        <div key={key} data-testid={`diff-${key}`}>
          <h4>
            {t(`history.diff.${key}` as MessageKey)} ({diff[key].length})
          </h4>
          <ul>
            {key === 'notesEdited'
              ? diff.notesEdited.map((edit) => (
                  <li key={edit.id} className="text-diff">
                    {keyedRuns(edit.from, edit.to).map(({ key: k, op, text }) =>
                      op === 'same' ? (
                        <span key={k}>{text}</span>
                      ) : op === 'removed' ? (
                        <del key={k}>{text}</del>
                      ) : (
                        <ins key={k}>{text}</ins>
                      ),
                    )}
                  </li>
                ))
              : (diff[key] as unknown as Array<Record<string, unknown>>).map((item) => (
                  // A note moved both between clusters and cells is listed twice: kind tells.
                  <li key={`${String(item.id)}-${String(item.kind ?? '')}`}>
                    {line(key, item, t)}
                  </li>
                ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
