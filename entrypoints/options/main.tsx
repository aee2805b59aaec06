import { render } from 'preact';
import { OptionsApp } from '@/components/options/OptionsApp';
import { createOptionsStore } from '@/components/options/options-store';
import '@/components/options/options.css';

render(<OptionsApp store={createOptionsStore()} />, document.getElementById('app')!);
