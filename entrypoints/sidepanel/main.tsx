import { render } from 'preact';
import { parseSidePanelParams } from '@/components/side-panel-params';
import { SidePanelApp } from '@/components/SidePanelApp';
import { watchSystemTheme } from '@/components/watch-theme';
import '@/components/panel.css';

render(
  <SidePanelApp params={parseSidePanelParams(location.search)} theme={watchSystemTheme(new AbortController().signal)} />,
  document.getElementById('app')!,
);
