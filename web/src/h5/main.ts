import { createApp } from 'vue'
import {
  Button,
  Cell,
  CellGroup,
  ConfigProvider,
  Field,
  Form,
  Grid,
  GridItem,
  NavBar,
  Tabbar,
  TabbarItem,
} from 'vant'
import 'vant/lib/index.css'
import App from './App.vue'
import { router } from './router'
import { installClient } from './setup-client'
import { registerServiceWorker } from './pwa/register'
import { i18n } from '@/shared/i18n'
import './styles.css'

installClient(router)
const app = createApp(App).use(i18n).use(router)
for (const c of [Button, Cell, CellGroup, ConfigProvider, Field, Form, Grid, GridItem, NavBar, Tabbar, TabbarItem]) {
  app.use(c)
}
app.mount('#app')
registerServiceWorker()
