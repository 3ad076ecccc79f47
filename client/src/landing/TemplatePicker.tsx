import { useEffect, useState } from 'react';
import { listTemplates, type TemplateInfo } from '../api';
import { useI18n } from '../i18n/I18nContext';

/**
 * The templates a new board can start from, as radio cards with the name and what it holds
 * in the person's language. Says nothing if the server offers none (the board starts blank).
 */
export function TemplatePicker({
  value,
  onChange,
}: {
  value: string | null;
  onChange(id: string | null): void;
}) {
  const { t, locale } = useI18n();
  const [templates, setTemplates] = useState<TemplateInfo[]>([]);
  useEffect(() => {
    let live = true;
    void listTemplates().then((found) => {
      if (!live) return;
      setTemplates(found);
      if (found.length > 0) onChange(found[0]?.id ?? null);
    });
    return () => {
      live = false;
    };
  }, [onChange]);
  if (templates.length === 0) return null;
  return (
    <fieldset className="template-picker" data-testid="template-picker">
      <legend>{t('landing.template')}</legend>
      {templates.map((template) => (
        <label key={template.id} className="template-option">
          <input
            type="radio"
            name="template"
            value={template.id}
            data-testid={`template-${template.id}`}
            checked={value === template.id}
            onChange={() => onChange(template.id)}
          />
          <span>
            <strong>{template.name[locale]}</strong>
            <span className="template-description">{template.description[locale]}</span>
          </span>
        </label>
      ))}
      <p className="template-language">{t('landing.templateLanguage')}</p>
    </fieldset>
  );
}
