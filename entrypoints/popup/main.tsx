import { render } from 'preact';
import { PopupApp } from '@/components/popup/PopupApp';
import { createPopupStore } from '@/components/popup/popup-store';
import '@/components/popup/popup.css';

render(<PopupApp store={createPopupStore()} />, document.getElementById('app')!);
