import {
  autocompletion,
  closeBrackets,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { PromQLExtension } from '@prometheus-io/codemirror-promql';
import { useApi } from '@backstage/frontend-plugin-api';
import { useTheme } from '@material-ui/core/styles';
import { useEffect, useRef } from 'react';
import { observabilityApiRef } from '../../api';
import { scopedPrometheusClient } from './scopedPrometheusClient';

/**
 * A CodeMirror PromQL editor with highlighting, linting and completion from the entity's
 * scoped labels and metrics. Mod-Enter runs the query.
 *
 * @public
 */
export function PromQLEditor(props: {
  entityRef: string;
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
}) {
  const { entityRef } = props;
  const api = useApi(observabilityApiRef);
  const theme = useTheme();
  const parent = useRef<HTMLDivElement>(null);
  // The editor lives across renders; callbacks are read through refs.
  const callbacks = useRef(props);
  callbacks.current = props;
  const initialValue = useRef(props.value);

  useEffect(() => {
    if (!parent.current) return undefined;
    const promQL = new PromQLExtension().setComplete({
      remote: scopedPrometheusClient(api, entityRef),
    });
    const view = new EditorView({
      parent: parent.current,
      state: EditorState.create({
        doc: initialValue.current,
        extensions: [
          history(),
          closeBrackets(),
          bracketMatching(),
          autocompletion(),
          placeholder(
            'PromQL, e.g. sum by (code) (rate(http_requests_total[5m]))',
          ),
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                callbacks.current.onRun();
                return true;
              },
            },
            ...completionKeymap,
            ...historyKeymap,
            ...defaultKeymap,
          ]),
          promQL.asExtension(),
          EditorView.contentAttributes.of({ 'aria-label': 'PromQL query' }),
          EditorView.updateListener.of(update => {
            if (update.docChanged) {
              callbacks.current.onChange(update.state.doc.toString());
            }
          }),
          EditorView.theme({
            '&': {
              border: `1px solid ${theme.palette.divider}`,
              borderRadius: 4,
              fontSize: 14,
            },
            '.cm-content': { fontFamily: 'monospace', minHeight: '3em' },
          }),
        ],
      }),
    });
    return () => {
      view.destroy();
      promQL.destroy();
    };
  }, [api, entityRef, theme]);

  return <div ref={parent} />;
}
