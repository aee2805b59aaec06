import { render } from 'preact';
import { parseSidePanelParams } from '@/components/side-panel-params';
import { watchDisplayPrefs } from '@/lib/browser/display-prefs-storage';
import { SidePanelApp } from '@/components/SidePanelApp';
import { watchSystemTheme } from '@/components/watch-theme';
import '@/components/panel.css';

// The side panel lives as long as its page: nothing to abort.
const life = new AbortController().signal;
render(
  <SidePanelApp
    params={parseSidePanelParams(location.search)}
    theme={watchSystemTheme(life)}
    display={watchDisplayPrefs(life)}
  />,
  document.getElementById('app')!,
);
