import { useI18n } from '../../i18n/I18nContext';
import { ContentText } from '../language/ReadingLang';
import { ItemComments } from './OutlineComments';
import { NoteList } from './OutlineNote';
import { useOutline } from './outlineContext';
import { cellKey } from './outlineModel';

/** The roadmap as a real table: themes (rows) by periods (columns), the notes and comments of each cell. */
export function OutlineRoadmap() {
  const { t } = useI18n();
  const { roadmap, cells } = useOutline().outline;
  if (roadmap.lanes.length === 0 || roadmap.periods.length === 0) return null;
  return (
    <section aria-labelledby="outline-roadmap">
      <h3 id="outline-roadmap">{t('outline.roadmap')}</h3>
      <div className="outline-table-wrap">
        <table data-testid="outline-roadmap">
          <caption className="visually-hidden">{t('outline.roadmapCaption')}</caption>
          <thead>
            <tr>
              <td />
              {roadmap.periods.map((period) => (
                <th key={period.id} scope="col">
                  <ContentText text={period.title} lang={period.lang} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {roadmap.lanes.map((lane) => (
              <tr key={lane.id}>
                <th scope="row">
                  <ContentText text={lane.title} lang={lane.lang} />
                </th>
                {roadmap.periods.map((period) => (
                  <td key={period.id}>
                    <NoteList
                      notes={cells.get(cellKey({ lane: lane.id, period: period.id })) ?? []}
                      empty=""
                    />
                    <ItemComments
                      anchor={{ kind: 'cell', lane: lane.id, period: period.id }}
                      item={t('outline.cellItem', { lane: lane.title, period: period.title })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
