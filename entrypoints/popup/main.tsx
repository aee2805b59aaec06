import { render } from 'preact';
import { PopupApp } from '@/components/popup/PopupApp';
import { createPopupStore } from '@/components/popup/popup-store';
import { watchDisplayPrefs } from '@/lib/browser/display-prefs-storage';
import '@/components/popup/popup.css';

// The popup lives as long as its page: nothing to abort.
render(<PopupApp store={createPopupStore()} display={watchDisplayPrefs(new AbortController().signal)} />, document.getElementById('app')!);
