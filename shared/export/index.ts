export {
  exportColumns,
  maskPhone,
  maskRut,
  neutralizeCell,
  toCsv,
  toXlsx,
  type CellValue,
  type ExportColumn,
  type ExportOptions,
} from './table';
