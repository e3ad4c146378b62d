import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { router } from './router'
import { installClient } from './setup-client'
import { i18n } from '@/shared/i18n'
import './styles.css'

installClient(router)
createApp(App).use(i18n).use(router).use(ElementPlus).mount('#app')
